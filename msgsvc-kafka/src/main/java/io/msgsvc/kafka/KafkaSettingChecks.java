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

    /** Puts a client setting whose key is not blank and whose value is given. */
    static void putProperty(Map<String, Object> properties, String key, Object value) {
        properties.put(requireText("key", key), Objects.requireNonNull(value, key));
    }
}
