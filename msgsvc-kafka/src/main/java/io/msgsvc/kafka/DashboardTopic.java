package io.msgsvc.kafka;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the rows' topic when missing: compacted to each reservation's newest row, and deleted after the retention,
 * as followers start at its end and need no history.
 */
final class DashboardTopic {
    private static final long ANSWER_SECONDS = 10;

    private DashboardTopic() {}

    /** @throws IllegalStateException when the broker does not answer or refuses; the caller's loop retries */
    static void ensure(DashboardBroadcast.Settings settings) {
        Properties props = new Properties();
        props.putAll(settings.clientProperties);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers);
        NewTopic topic = new NewTopic(settings.topic, Optional.of(settings.partitions), settings.replicationFactor)
                .configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG,
                        Long.toString(settings.retention.toMillis())));
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(topic)).all().get(ANSWER_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + settings.topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + settings.topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + settings.bootstrapServers + " did not answer", e);
        }
    }
}
