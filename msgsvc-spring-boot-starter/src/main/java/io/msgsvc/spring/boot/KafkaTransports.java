package io.msgsvc.spring.boot;

import io.msgsvc.kafka.KafkaEventTransport;
import io.msgsvc.spi.EventTransport;
import java.util.List;
import java.util.Map;

/** The Kafka transport from the properties; loaded only when msgsvc.transport=kafka and msgsvc-kafka is present. */
final class KafkaTransports {
    /** The transport's consumers, one per projection role, each in a group of its own. */
    private static final List<String> CONSUMERS = List.of("status", "billing", "statistics", "dashboard");

    private KafkaTransports() {}

    static EventTransport build(MsgsvcProperties.Kafka p) {
        if (p.bootstrapServers() == null || p.bootstrapServers().isBlank()) {
            throw new IllegalArgumentException("msgsvc.transport=kafka needs msgsvc.kafka.bootstrap-servers");
        }
        KafkaEventTransport.Builder builder = KafkaEventTransport.builder(p.bootstrapServers());
        PropertiesMapper.ifSet(p.topic(), builder::topic);
        PropertiesMapper.ifSet(p.partitions(), builder::partitions);
        PropertiesMapper.ifSet(p.groupIdPrefix(), builder::groupIdPrefix);
        PropertiesMapper.ifSet(p.deadLetterTopic(), builder::deadLetterTopic);
        PropertiesMapper.ifSet(p.replicationFactor(), builder::replicationFactor);
        PropertiesMapper.ifSet(p.createTopics(), builder::createTopics);
        PropertiesMapper.ifSet(p.publishTimeout(), builder::publishTimeout);
        orEmpty(p.groupIds()).forEach((role, group) -> {
            if (!CONSUMERS.contains(role)) {
                throw new IllegalArgumentException(
                        "msgsvc.kafka.group-ids." + role + " names no consumer: give one of " + CONSUMERS);
            }
            builder.groupId(role, group);
        });
        orEmpty(p.properties()).forEach(builder::clientProperty);
        orEmpty(p.producerProperties()).forEach(builder::producerProperty);
        orEmpty(p.consumerProperties()).forEach(builder::consumerProperty);
        return builder.build();
    }

    private static Map<String, String> orEmpty(Map<String, String> properties) {
        return properties != null ? properties : Map.of();
    }
}
