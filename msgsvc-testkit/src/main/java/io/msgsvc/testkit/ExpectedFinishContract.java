package io.msgsvc.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.api.DashboardView;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.spi.Storage;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The expected finish time the dashboard and the reservation query show while a reservation is sent: the rate
 * measured since its dispatch began, carried to the recipients still pending. Run against each storage by extending
 * this class.
 */
public abstract class ExpectedFinishContract {

    /** {@return a fresh, empty storage} */
    protected abstract Storage newStorage();

    /**
     * Frees what {@link #newStorage()} opened.
     *
     * @param storage a storage {@link #newStorage()} returned
     */
    protected void release(Storage storage) {}

    @Test
    void whileSendingTheExpectedFinishFollowsTheMeasuredRateAndItGoesOnceDone() throws Exception {
        Storage storage = newStorage();
        CountDownLatch hold = new CountDownLatch(1);
        AtomicReference<ManualClock> clock = new AtomicReference<>();
        // each send takes a second of the manual clock; the 41st waits until the test lets it go
        RecordingChannel channel = new RecordingChannel(m -> {
            clock.get().advance(Duration.ofSeconds(1));
            if (m.deliveryId().sequence() == 40) {
                try {
                    hold.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return SendOutcome.accepted(null);
        });
        try (EngineFixture f = new EngineFixture(
                storage, channel, b -> b.channelTimeout(Duration.ofSeconds(40)).lease(Duration.ofSeconds(60)))) {
            clock.set(f.clock);
            Instant started = f.clock.instant();
            String[] recipients =
                    IntStream.range(0, 100).mapToObj(i -> "+1" + i).toArray(String[]::new);
            Reservation r = f.msgsvc.reserve(
                    EngineFixture.request("acme", "Hi", recipients).build());

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> f.msgsvc.dashboard("acme", r.id()).sent() == 40);

            // 40 results in the 40 s since the dispatch began: the other 60 take 60 s more
            Instant expected = started.plusSeconds(100);
            DashboardView row = f.msgsvc.dashboard("acme", r.id());
            assertThat(row.startedAt()).isEqualTo(started);
            assertThat(row.expectedFinishAt()).contains(expected);
            assertThat(f.msgsvc.reservation("acme", r.id()).expectedFinishAt()).isEqualTo(expected);

            hold.countDown();
            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            f.msgsvc.reservation("acme", r.id()).reservation().status() == ReservationStatus.COMPLETED);
            assertThat(f.msgsvc.dashboard("acme", r.id()).expectedFinishAt()).isEmpty();
            assertThat(f.msgsvc.reservation("acme", r.id()).expectedFinishAt()).isNull();
        } finally {
            hold.countDown();
            release(storage);
        }
    }
}
