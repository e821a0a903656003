package io.msgsvc.spring.boot.dashboard;

import io.msgsvc.Msgsvc;
import io.msgsvc.spi.Storage;
import io.msgsvc.spring.boot.MsgsvcAutoConfiguration;
import io.msgsvc.spring.boot.MsgsvcProperties;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live dashboard, when {@code msgsvc.dashboard.enabled=true} in a Spring MVC application with an engine: the page
 * at {@code <base-path>/}, its JSON API and live stream under {@code <base-path>/api}, and with
 * {@code msgsvc.dashboard.actions-enabled=true} the endpoints that register and change reservations. It brings no
 * authentication: the host's security decides who gets in, and {@link DashboardAccess} (default
 * {@link DashboardAccess#byPrincipalName}) which customer's data each authenticated user sees.
 */
@AutoConfiguration(after = MsgsvcAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "msgsvc.dashboard.enabled")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SseEmitter.class)
@ConditionalOnBean(Msgsvc.class)
@EnableConfigurationProperties(MsgsvcDashboardProperties.class)
public class MsgsvcDashboardAutoConfiguration {

    /**
     * Principal name = customer id; {@code msgsvc.dashboard.operator-authority} sees every customer.
     *
     * @param properties the dashboard's settings
     * @return the default access rule
     */
    @Bean
    @ConditionalOnMissingBean(DashboardAccess.class)
    public DashboardAccess msgsvcDashboardAccess(MsgsvcDashboardProperties properties) {
        return DashboardAccess.byPrincipalName(properties.operatorAuthority());
    }

    /** Rows from the Kafka broadcast when there is one, else from this node's engine. */
    @Bean
    DashboardBroadcaster msgsvcDashboardBroadcaster(
            Msgsvc msgsvc, MsgsvcDashboardProperties properties, ObjectProvider<DashboardRows> rows) {
        return new DashboardBroadcaster(rows.getIfAvailable(() -> DashboardRows.of(msgsvc)), properties);
    }

    @Bean
    DashboardQueries msgsvcDashboardQueries(
            Msgsvc msgsvc,
            MsgsvcDashboardProperties properties,
            ObjectProvider<MsgsvcProperties> engineProperties,
            ObjectProvider<Storage> storage) {
        // the engine's default period when the application built the engine itself
        MsgsvcProperties engine = engineProperties.getIfAvailable();
        ChronoUnit period =
                engine == null || engine.statisticsPeriod() == null ? ChronoUnit.DAYS : engine.statisticsPeriod();
        // the starter's engine is built on the context's storage (as its health indicator assumes too)
        return new DashboardQueries(msgsvc, storage.getIfUnique(), properties.currency(), period);
    }

    @Bean
    DashboardApiController msgsvcDashboardApiController(
            DashboardAccess access,
            DashboardQueries queries,
            DashboardBroadcaster broadcaster,
            MsgsvcDashboardProperties properties,
            ObjectProvider<Clock> clock) {
        return new DashboardApiController(
                access, queries, broadcaster, properties, clock.getIfUnique(Clock::systemUTC));
    }

    /** Only with {@code msgsvc.dashboard.actions-enabled=true}: otherwise the POST endpoints do not exist. */
    @Bean
    @ConditionalOnBooleanProperty(name = "msgsvc.dashboard.actions-enabled")
    DashboardActionController msgsvcDashboardActionController(
            Msgsvc msgsvc, DashboardAccess access, DashboardQueries queries) {
        return new DashboardActionController(msgsvc, access, queries);
    }

    @Bean
    DashboardPageController msgsvcDashboardPageController(DashboardAccess access) {
        return new DashboardPageController(access);
    }

    @Bean
    DashboardProblems msgsvcDashboardProblems() {
        return new DashboardProblems();
    }
}
