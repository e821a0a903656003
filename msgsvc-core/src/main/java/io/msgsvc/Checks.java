package io.msgsvc;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** The builder's checks of its settings: a refusal names the setting. */
final class Checks {
    private Checks() {}

    static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, was " + value);
        }
        return value;
    }

    static Duration positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    static ChronoUnit statisticsPeriod(ChronoUnit unit) {
        if (unit != ChronoUnit.MINUTES && unit != ChronoUnit.HOURS && unit != ChronoUnit.DAYS) {
            throw new IllegalArgumentException("statisticsPeriod must be MINUTES, HOURS or DAYS, was " + unit);
        }
        return unit;
    }

    static String nodeId(String nodeId) {
        if (nodeId == null || nodeId.isBlank()) {
            throw new IllegalArgumentException("nodeId must not be blank");
        }
        if (nodeId.length() > 100) {
            throw new IllegalArgumentException("nodeId must be at most 100 characters, was " + nodeId.length());
        }
        return nodeId;
    }

    static Set<Role> roles(Role... roles) {
        if (roles.length == 0) {
            throw new IllegalArgumentException("roles: give at least one");
        }
        return EnumSet.copyOf(Arrays.asList(roles));
    }
}
