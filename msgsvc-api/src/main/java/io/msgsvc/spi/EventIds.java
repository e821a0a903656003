package io.msgsvc.spi;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids for new events: time-ordered UUIDs (version 7: the Unix time in milliseconds, then 74 random bits), so stores
 * that key a record by event id (applied-event records, the outbox) add to the end of their indexes instead of
 * writing to pages all over them. Written here rather than taken from a library because this module depends on the
 * JDK only; the layout is RFC 9562's.
 */
public final class EventIds {
    private EventIds() {}

    /** {@return a new event id, after every id made in an earlier millisecond} */
    public static UUID next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long millis = System.currentTimeMillis();
        long mostSignificant = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long leastSignificant = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant);
    }
}
