package io.msgsvc.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgsvc.api.SendingSpeed;
import io.msgsvc.spi.NewReservation;
import io.msgsvc.spi.SendingPermits;
import io.msgsvc.spi.SendingPermits.Grant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@link SendingPermits}: token buckets that hold a speed for every engine on the store, and a reservation's own
 * speed kept with it. Part of {@link StorageContract}.
 */
public interface SendingPermitsContract {
    /** {@return the storage under test, driven as the engine drives it} */
    StorageDriver store();

    private static String key() {
        return "test|" + UUID.randomUUID();
    }

    /** A new bucket gives one burst, then all or none of a handful, saying how long until it would be refilled. */
    @Test
    default void aNewBucketGivesOneBurstThenSaysHowLongUntilTheNextHandful() {
        SendingPermits permits = store().storage.sendingPermits();
        SendingSpeed speed = SendingSpeed.perSecond(10); // burst 1, one permit every 100 ms
        String key = key();
        SendingSpeed fast = SendingSpeed.perSecond(100); // burst 10, one permit every 10 ms
        String fastKey = key();

        assertThat(permits.take(key, speed, 1).taken()).isEqualTo(1);
        Grant none = permits.take(key, speed, 1);
        assertThat(permits.take(fastKey, fast, 10).taken()).isEqualTo(10);
        Grant handful = permits.take(fastKey, fast, 10);

        // a slow machine may see one refilled meanwhile; never more than the speed allows
        if (none.taken() == 0) {
            assertThat(none.waitFor()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(100));
        }
        if (handful.taken() == 0) {
            assertThat(handful.waitFor()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(100));
        }
        assertThat(handful.taken()).as("all or none").isIn(0, 10);
    }

    /** Permits given back can be taken again, but never more than a full bucket holds. */
    @Test
    default void permitsGivenBackCanBeTakenAgainButNeverBeyondAFullBucket() {
        SendingPermits permits = store().storage.sendingPermits();
        SendingSpeed speed = SendingSpeed.perHour(360); // burst 1, one permit every 10 s
        String key = key();
        assertThat(permits.take(key, speed, 1).taken()).isEqualTo(1);
        assertThat(permits.take(key, speed, 1).taken()).isZero();

        permits.giveBack(key, speed, 3);

        assertThat(permits.take(key, speed, 1).taken()).isEqualTo(1);
        Grant none = permits.take(key, speed, 1);
        assertThat(none.taken()).isZero();
        assertThat(none.waitFor()).isGreaterThan(Duration.ofSeconds(9));
    }

    /** Holding back empties the bucket for the whole pause. */
    @Test
    default void holdingBackEmptiesTheBucketForThePause() {
        SendingPermits permits = store().storage.sendingPermits();
        SendingSpeed speed = SendingSpeed.perSecond(1000);
        String key = key();

        permits.holdBack(key, speed, Duration.ofSeconds(30));

        Grant none = permits.take(key, speed, 1);
        assertThat(none.taken()).isZero();
        assertThat(none.waitFor()).isGreaterThan(Duration.ofSeconds(29));
    }

    /**
     * Concurrent takers of one bucket never get more than its burst and the speed allow together.
     *
     * @throws Exception from a taking thread
     */
    @Test
    default void concurrentTakersNeverGetMoreThanTheSpeedAllows() throws Exception {
        SendingPermits permits = store().storage.sendingPermits();
        SendingSpeed speed = SendingSpeed.perSecond(200); // burst 20
        String key = key();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            long started = System.nanoTime();
            List<Callable<Integer>> takers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                takers.add(() -> {
                    int taken = 0;
                    for (int i = 0; i < 25; i++) {
                        taken += permits.take(key, speed, 4).taken();
                    }
                    return taken;
                });
            }
            int total = 0;
            for (Future<Integer> f : pool.invokeAll(takers)) {
                total += f.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(total).isPositive().isLessThanOrEqualTo(20 + (int) Math.ceil(200 * seconds));
        } finally {
            pool.shutdownNow();
        }
    }

    /** A reservation's own sending speed is stored with it and handed out with its claim. */
    @Test
    default void aReservationKeepsItsOwnSpeedAndIsClaimedWithIt() {
        StorageDriver s = store();
        NewReservation plain = s.reservation("acme", null, StorageDriver.now(), "+1");
        NewReservation r = new NewReservation(
                plain.id(),
                plain.customerId(),
                plain.subject(),
                plain.text(),
                plain.recipients(),
                plain.sendAt(),
                plain.createdAt(),
                null,
                plain.requestFingerprint(),
                SendingSpeed.perMinute(90));
        s.register(r);

        assertThat(s.registrations.find(r.id()).orElseThrow().sendingSpeed()).isEqualTo(SendingSpeed.perMinute(90));
        assertThat(s.claimOne("node-a", StorageDriver.LONG_LEASE).sendingSpeed())
                .isEqualTo(SendingSpeed.perMinute(90));
    }
}
