package io.msgsvc.examples.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Tells which customer an API key belongs to (configured as {@code example.api-keys.<customer>=<key>}), and whether
 * a key is the operator's ({@code example.operator-key}).
 */
@Component
public class ApiKeys {
    /** The operator's user name: the principal of the operator key, and on the dashboard's sign-in page. */
    static final String OPERATOR = "operator";

    private final Map<String, String> keyByCustomer;
    private final byte[] operatorKey;

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
        String operator = properties.operatorKey();
        if (configured.containsKey(OPERATOR)) {
            throw new IllegalStateException("example.api-keys." + OPERATOR + ": that name is the operator's");
        }
        if (operator != null && configured.containsValue(operator)) {
            throw new IllegalStateException("example.operator-key is also a customer's key in example.api-keys");
        }
        this.keyByCustomer = Map.copyOf(configured);
        this.operatorKey = operator == null || operator.isBlank() ? null : operator.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code key} is the operator key (compared in constant time); false when none is set. */
    public boolean isOperatorKey(String key) {
        return operatorKey != null
                && key != null
                && MessageDigest.isEqual(operatorKey, key.getBytes(StandardCharsets.UTF_8));
    }

    /** The operator key, if one is set. */
    Optional<String> operatorKey() {
        return Optional.ofNullable(operatorKey).map(key -> new String(key, StandardCharsets.UTF_8));
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
