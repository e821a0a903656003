package io.msgsvc.spi;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Ids for new events: time-ordered UUIDs (version 7: the Unix time in milliseconds, then 74 random bits), so stores
 * that key a record by event id (the applied-event records) add to the end of their indexes instead of
 * writing to pages all over them. Written here rather than taken from a library because this module depends on the
 * JDK only; the layout is RFC 9562's.
 */
public final class EventIds {
    /**
     * A strong generator per thread, as {@link UUID#randomUUID()} draws from one, without a shared lock: a projection
     * drops an event whose id it has seen, so ids of different nodes must not collide.
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(EventIds::generator);

    private EventIds() {}

    /** {@return a new event id, after every id made in an earlier millisecond} */
    public static UUID next() {
        SecureRandom random = RANDOM.get();
        long millis = System.currentTimeMillis();
        long mostSignificant = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long leastSignificant = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant);
    }

    /** The JDK's DRBG: an instance of its own per thread (the platform default may share one source under a lock). */
    private static SecureRandom generator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException absent) {
            return new SecureRandom();
        }
    }
}
