package io.msgsvc.spi;

import java.util.UUID;

/**
 * Ids for new events: time-ordered UUIDs (version 7: the Unix time in milliseconds, then 74 random bits), so stores
 * that key a record by event id (the applied-event records) add to the end of their indexes instead of writing to
 * pages all over them. Written here rather than taken from a library because this module depends on the JDK only;
 * the layout is RFC 9562's.
 */
public final class EventIds {
    private EventIds() {}

    /** {@return a new event id, after every id made in an earlier millisecond} */
    public static UUID next() {
        // the random bits of a version 4 UUID (the JDK's strong generator, as cheap as before): a projection drops
        // an event whose id it has seen, so ids of different nodes must not collide
        UUID random = UUID.randomUUID();
        long millis = System.currentTimeMillis();
        long mostSignificant = (millis << 16) | 0x7000L | (random.getMostSignificantBits() & 0x0FFFL);
        return new UUID(mostSignificant, random.getLeastSignificantBits()); // keeps the variant bits, 10
    }
}
