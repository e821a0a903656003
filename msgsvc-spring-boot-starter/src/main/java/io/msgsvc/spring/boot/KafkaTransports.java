package io.msgsvc.spring.boot;

import io.msgsvc.Role;
import io.msgsvc.kafka.KafkaEventTransport;
import io.msgsvc.spi.EventTransport;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The Kafka transport from the properties; loaded only when msgsvc.transport=kafka and msgsvc-kafka is present. */
final class KafkaTransports {
    /** The projection roles' consumers; an engine that projects its roles together joins their names with '+'. */
    private static final List<String> CONSUMERS =
            Role.PROJECTIONS.stream().map(Role::consumerName).toList();

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
        orEmpty(p.properties())
                .forEach((key, value) ->
                        named("msgsvc.kafka.properties." + key, () -> builder.clientProperty(key, value)));
        orEmpty(p.producerProperties())
                .forEach((key, value) ->
                        named("msgsvc.kafka.producer-properties." + key, () -> builder.producerProperty(key, value)));
        orEmpty(p.consumerProperties()).forEach(builder::consumerProperty);
        return builder.build();
    }

    /** Sets a client setting, a refusal naming the property it came from. */
    private static void named(String property, Runnable set) {
        try {
            set.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + ": " + e.getMessage(), e);
        }
    }

    /** One role's consumer, or several roles' as the engine names them ({@link Role#consumerName(Collection)}). */
    private static boolean namesAConsumer(String name) {
        List<Role> roles = Role.PROJECTIONS.stream()
                .filter(role -> List.of(name.split("\\+", -1)).contains(role.consumerName()))
                .toList();
        return !roles.isEmpty() && Role.consumerName(roles).equals(name);
    }

    private static Map<String, String> orEmpty(Map<String, String> properties) {
        return properties != null ? properties : Map.of();
    }
}
