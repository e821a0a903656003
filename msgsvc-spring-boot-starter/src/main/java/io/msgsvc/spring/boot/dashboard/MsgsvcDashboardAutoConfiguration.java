package io.msgsvc.spring.boot.dashboard;

import io.msgsvc.Msgsvc;
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
 * at {@code <base-path>/}, its JSON API and live stream under {@code <base-path>/api}. It brings no authentication:
 * the host's security decides who gets in, and {@link DashboardAccess} (default
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

    @Bean
    DashboardBroadcaster msgsvcDashboardBroadcaster(Msgsvc msgsvc, MsgsvcDashboardProperties properties) {
        return new DashboardBroadcaster(msgsvc, properties);
    }

    @Bean
    DashboardApiController msgsvcDashboardApiController(
            Msgsvc msgsvc,
            DashboardAccess access,
            DashboardBroadcaster broadcaster,
            MsgsvcDashboardProperties properties,
            ObjectProvider<MsgsvcProperties> engineProperties,
            ObjectProvider<Clock> clock) {
        // the engine's default period when the application built the engine itself
        MsgsvcProperties engine = engineProperties.getIfAvailable();
        ChronoUnit period =
                engine == null || engine.statisticsPeriod() == null ? ChronoUnit.DAYS : engine.statisticsPeriod();
        return new DashboardApiController(
                access,
                new DashboardQueries(msgsvc, properties.currency(), period),
                broadcaster,
                properties,
                clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    DashboardPageController msgsvcDashboardPageController(
            DashboardAccess access, MsgsvcDashboardProperties properties) {
        return new DashboardPageController(access, properties);
    }

    @Bean
    DashboardProblems msgsvcDashboardProblems() {
        return new DashboardProblems();
    }
}
