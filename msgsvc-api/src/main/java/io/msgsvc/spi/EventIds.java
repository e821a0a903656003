package io.msgsvc.spi;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Ids for new events: time-ordered UUIDs (version 7: the Unix time in milliseconds, then 74 random bits), so stores
 * that key a record by event id (the applied-event records) add to the end of their indexes instead of writing to
 * pages all over them. Written here rather than taken from a library because this module depends on the JDK only;
 * the layout is RFC 9562's.
 */
public final class EventIds {
    private static final SecureRandom SEEDS = new SecureRandom();
    /**
     * Each thread draws its random bits from its own generator, seeded once from the strong one: a projection drops
     * an event whose id it has seen, so ids of different threads and nodes must not collide, and two streams of
     * 64-bit seeds drawn at random overlap within a billion ids each with a chance of about 2 in 10^10 (and
     * would also need the same millisecond). Asking the strong generator for every id serialised the dispatch threads on its
     * lock and cost more than the rest of an event.
     */
    private static final ThreadLocal<SplittableRandom> RANDOM =
            ThreadLocal.withInitial(() -> new SplittableRandom(SEEDS.nextLong()));

    private EventIds() {}

    /** {@return a new event id, after every id made in an earlier millisecond} */
    public static UUID next() {
        SplittableRandom random = RANDOM.get();
        long millis = System.currentTimeMillis();
        long mostSignificant = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long leastSignificant = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // variant 10
        return new UUID(mostSignificant, leastSignificant);
    }
}
