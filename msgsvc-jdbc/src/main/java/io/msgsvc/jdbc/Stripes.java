package io.msgsvc.jdbc;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks the stripe of a running total (billing, statistics) that a transaction adds to. One row per customer would
 * make every concurrent sender of that customer wait for the others' commits; by thread, the sending threads of one
 * engine each have their own stripe, and a random offset per storage spreads engines apart.
 */
final class Stripes {
    static final int COUNT = 16;

    private final int offset = ThreadLocalRandom.current().nextInt(COUNT);

    short current() {
        return (short) Math.floorMod(Thread.currentThread().getId() + offset, COUNT);
    }
}
