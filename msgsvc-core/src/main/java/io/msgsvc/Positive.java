package io.msgsvc;

import java.time.Duration;
import java.util.Objects;

/** The builder's check of a setting that must be positive: refused naming the setting. */
final class Positive {
    private Positive() {}

    static int of(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, was " + value);
        }
        return value;
    }

    static Duration of(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }
}
