package io.msgsvc.examples.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Tells which customer an API key belongs to (configured as {@code example.api-keys.<customer>=<key>}). */
@Component
public class ApiKeys {
    private final Map<String, String> keyByCustomer;

    ApiKeys(ExampleProperties properties) {
        Map<String, String> configured = properties.apiKeys() == null ? Map.of() : properties.apiKeys();
        if (configured.isEmpty()) {
            throw new IllegalStateException("no customers configured: set example.api-keys.<customer>=<key>, or run"
                    + " with the demo profile (SPRING_PROFILES_ACTIVE=demo) for two demo customers");
        }
        configured.forEach((customer, key) -> {
            if (key == null || key.isBlank()) {
                throw new IllegalStateException("example.api-keys." + customer + " is blank");
            }
        });
        if (configured.values().stream().distinct().count() != configured.size()) {
            throw new IllegalStateException("two customers share an API key in example.api-keys");
        }
        this.keyByCustomer = Map.copyOf(configured);
    }

    /** The customer owning {@code key}; every key is compared in constant time, so timing reveals nothing. */
    public Optional<String> customerFor(String key) {
        if (key == null || key.isEmpty()) {
            return Optional.empty();
        }
        byte[] given = key.getBytes(StandardCharsets.UTF_8);
        String owner = null;
        for (Map.Entry<String, String> entry : keyByCustomer.entrySet()) {
            if (MessageDigest.isEqual(given, entry.getValue().getBytes(StandardCharsets.UTF_8))) {
                owner = entry.getKey();
            }
        }
        return Optional.ofNullable(owner);
    }

    Map<String, String> keyByCustomer() {
        return keyByCustomer;
    }
}
