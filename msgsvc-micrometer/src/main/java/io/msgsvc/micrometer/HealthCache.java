package io.msgsvc.micrometer;

import io.msgsvc.EngineGauges;
import io.msgsvc.MsgsvcHealth;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One health snapshot shared by every gauge that reads it, taken again once it is older than the cache time: however
 * many gauges and scrapes, the storage is asked at most once per period. A scrape that finds it stale takes the new
 * one itself; concurrent scrapes wait for that one rather than ask too.
 */
final class HealthCache {
    private record Taken(MsgsvcHealth health, long atNanos) {}

    private final long ttlNanos;
    private final Supplier<EngineGauges> engine;
    private volatile Taken taken;

    HealthCache(Duration ttl, Supplier<EngineGauges> engine) {
        this.ttlNanos = ttl.toNanos();
        this.engine = engine;
    }

    /** The snapshot, at most the cache time old; null before the engine is built. */
    MsgsvcHealth get() {
        Taken now = taken;
        if (now != null && System.nanoTime() - now.atNanos() < ttlNanos) {
            return now.health();
        }
        synchronized (this) {
            now = taken;
            if (now != null && System.nanoTime() - now.atNanos() < ttlNanos) {
                return now.health(); // another scrape took it meanwhile
            }
            EngineGauges gauges = engine.get();
            if (gauges == null) {
                return null;
            }
            MsgsvcHealth health = gauges.health();
            taken = new Taken(health, System.nanoTime());
            return health;
        }
    }
}
