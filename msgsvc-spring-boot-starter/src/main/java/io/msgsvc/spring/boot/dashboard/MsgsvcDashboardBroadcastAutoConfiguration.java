package io.msgsvc.spring.boot.dashboard;

import io.msgsvc.Msgsvc;
import io.msgsvc.kafka.DashboardBroadcast;
import io.msgsvc.spring.boot.MsgsvcAutoConfiguration;
import io.msgsvc.spring.boot.MsgsvcProperties;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * With {@code msgsvc.transport=kafka}: every web replica's live dashboard carries every committed row, not only the
 * rows its own engine projects. The {@link DashboardBroadcast} bean is a dashboard listener, so the starter's engine
 * publishes each row it projects (when it plays DASHBOARD) after the commit; a node with {@code
 * msgsvc.dashboard.enabled=true} follows the broadcast instead of its own engine. Off with {@code
 * msgsvc.kafka.dashboard-broadcast.enabled=false}; an application's own {@link DashboardBroadcast} bean takes the
 * place of this one.
 */
@AutoConfiguration(after = MsgsvcAutoConfiguration.class)
@ConditionalOnClass(DashboardBroadcast.class)
@ConditionalOnProperty(name = "msgsvc.transport", havingValue = "kafka")
@ConditionalOnBooleanProperty(name = "msgsvc.kafka.dashboard-broadcast.enabled", matchIfMissing = true)
@ConditionalOnBean(Msgsvc.class)
@EnableConfigurationProperties(MsgsvcDashboardBroadcastProperties.class)
public class MsgsvcDashboardBroadcastAutoConfiguration {

    /**
     * Built on the transport's brokers and client settings ({@code msgsvc.kafka.*}).
     *
     * @param engine     the engine's settings, for the brokers
     * @param properties the broadcast's settings
     * @return the broadcast, closed with the context
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(DashboardBroadcast.class)
    public DashboardBroadcast msgsvcDashboardBroadcast(
            MsgsvcProperties engine, MsgsvcDashboardBroadcastProperties properties) {
        MsgsvcProperties.Kafka kafka = engine.kafka();
        if (kafka.bootstrapServers() == null || kafka.bootstrapServers().isBlank()) {
            throw new IllegalArgumentException("msgsvc.transport=kafka needs msgsvc.kafka.bootstrap-servers");
        }
        DashboardBroadcast.Builder builder =
                DashboardBroadcast.builder(kafka.bootstrapServers()).topic(properties.topic());
        if (kafka.partitions() != null) {
            builder.partitions(kafka.partitions());
        }
        Map<String, String> clientProperties = kafka.properties() != null ? kafka.properties() : Map.of();
        clientProperties.forEach(builder::clientProperty);
        return builder.build();
    }

    /** Only where the dashboard is on: a node without it follows nothing (and publishes when it projects). */
    @Bean
    @ConditionalOnBooleanProperty(name = "msgsvc.dashboard.enabled")
    DashboardRows msgsvcDashboardBroadcastRows(DashboardBroadcast broadcast) {
        return listener -> broadcast.follow(listener)::close;
    }
}
