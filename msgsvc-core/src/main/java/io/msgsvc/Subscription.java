package io.msgsvc;

/** A registered listener; close it to stop listening. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
