package io.msgsvc.kafka;

import java.util.Map;
import java.util.Objects;

/** The checks both builders of this module make on what they are given, with messages naming the setting. */
final class KafkaSettingChecks {
    private KafkaSettingChecks() {}

    static String requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    static int partitions(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
        return partitions;
    }

    static short replicationFactor(short factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("replicationFactor must be >= 1, was " + factor);
        }
        return factor;
    }

    /**
     * Producer settings msgsvc keeps as they are: per key (reservation) order and no gap are what lets consumers
     * take an event at or below the outbox position they applied for a repeat.
     */
    private static final java.util.Set<String> FIXED_PRODUCER_SETTINGS = java.util.Set.of(
            "enable.idempotence", "acks", "partitioner.class", "partitioner.ignore.keys", "transactional.id");

    /** Puts a producer (or every client's) setting, refusing those msgsvc keeps fixed, naming the key. */
    static void putProducerProperty(Map<String, Object> properties, String key, Object value) {
        if (key != null && FIXED_PRODUCER_SETTINGS.contains(key.trim())) {
            throw new IllegalArgumentException("producer setting '" + key.trim() + "' is fixed by msgsvc: events of"
                    + " one reservation must reach the topic in order and without a gap");
        }
        putProperty(properties, key, value);
    }

    /** Puts a client setting whose key is not blank and whose value is given. */
    static void putProperty(Map<String, Object> properties, String key, Object value) {
        properties.put(requireText("key", key), Objects.requireNonNull(value, key));
    }
}
