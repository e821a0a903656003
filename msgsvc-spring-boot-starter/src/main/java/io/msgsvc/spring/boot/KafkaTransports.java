package io.msgsvc.spring.boot;

import io.msgsvc.kafka.KafkaEventTransport;
import io.msgsvc.spi.EventTransport;
import java.util.List;
import java.util.Map;

/** The Kafka transport from the properties; loaded only when msgsvc.transport=kafka and msgsvc-kafka is present. */
final class KafkaTransports {
    /** The projection roles' consumers; an engine that projects its roles together joins their names with '+'. */
    private static final List<String> CONSUMERS = List.of("billing", "statistics", "status", "dashboard");

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
            if (!namesAConsumer(role)) {
                String property = role.contains("+") ? "group-ids[" + role + "]" : "group-ids." + role;
                throw new IllegalArgumentException("msgsvc.kafka." + property
                        + " names no consumer: give one of " + CONSUMERS
                        + ", or several joined with + in that order for roles projected together");
            }
            builder.groupId(role, group);
        });
        orEmpty(p.properties()).forEach(builder::clientProperty);
        orEmpty(p.producerProperties()).forEach(builder::producerProperty);
        orEmpty(p.consumerProperties()).forEach(builder::consumerProperty);
        return builder.build();
    }

    /** One role's consumer, or several roles' in their projection order (billing+status), each named once. */
    private static boolean namesAConsumer(String name) {
        int last = -1;
        for (String part : name.split("\\+", -1)) {
            int at = CONSUMERS.indexOf(part);
            if (at <= last) {
                return false;
            }
            last = at;
        }
        return true;
    }

    private static Map<String, String> orEmpty(Map<String, String> properties) {
        return properties != null ? properties : Map.of();
    }
}
