package io.msgsvc.spring.boot.dashboard;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Kafka broadcast of dashboard rows, under {@code msgsvc.kafka.dashboard-broadcast.*} (with
 * {@code msgsvc.transport=kafka}).
 *
 * @param enabled Whether the node that plays DASHBOARD publishes each committed row, and a node with the dashboard
 *     on follows them, so every web replica's live stream carries every row; default true.
 * @param topic The rows' topic, created when missing (compacted, kept a day); default msgsvc.dashboard.
 */
@ConfigurationProperties("msgsvc.kafka.dashboard-broadcast")
public record MsgsvcDashboardBroadcastProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("msgsvc.dashboard") String topic) {

    /**
     * Refuses a blank topic, naming the property.
     *
     * @param enabled whether rows are published and followed
     * @param topic   the rows' topic, not blank
     */
    public MsgsvcDashboardBroadcastProperties {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("msgsvc.kafka.dashboard-broadcast.topic must not be blank");
        }
    }
}
