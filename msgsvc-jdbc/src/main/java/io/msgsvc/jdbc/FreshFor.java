package io.msgsvc.jdbc;

import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;

/** Entries of ended reservations never change again: keep them long; others only briefly (other nodes write). */
record FreshFor<K, V>(Duration ttl, java.util.function.Predicate<V> ended) implements Expiry<K, V> {
    private static final long ENDED_NANOS = Duration.ofMinutes(10).toNanos();

    @Override
    public long expireAfterCreate(K key, V value, long currentTime) {
        return ended.test(value) ? ENDED_NANOS : ttl.toNanos();
    }

    @Override
    public long expireAfterUpdate(K key, V value, long currentTime, long currentDuration) {
        return expireAfterCreate(key, value, currentTime);
    }

    @Override
    public long expireAfterRead(K key, V value, long currentTime, long currentDuration) {
        return currentDuration;
    }
}
