package io.msgsvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.msgsvc.api.CancelOutcome;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationNotCancellableException;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.api.StatisticsCounters;
import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.testkit.EngineFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CancellationTest {
    private final EngineFixture f = new EngineFixture(new InMemoryStorage(), b -> b);

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void cancelBeforeTheSendTimeSendsNothing() {
        Reservation r = f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1", "+2")
                .sendAt(f.clock.instant().plus(Duration.ofHours(1)))
                .build());

        assertThat(f.msgsvc.cancel("acme", r.id())).isEqualTo(CancelOutcome.CANCELLED);
        f.clock.advance(Duration.ofHours(2));

        await().until(() -> f.msgsvc.dashboard("acme", r.id()).status() == ReservationStatus.CANCELLED);
        assertThat(f.msgsvc.reservation("acme", r.id()).deliveries())
                .extracting(Delivery::state)
                .containsOnly(DeliveryState.CANCELLED);
        assertThat(f.channel.calls()).isEmpty();
        await().until(() -> f.msgsvc
                .statistics("acme", Instant.EPOCH, Instant.MAX)
                .totals()
                .equals(new StatisticsCounters(1, 0, 0, 0, 2)));
    }

    @Test
    void cancelDuringDispatchStopsBeforeTheNextRecipient() throws InterruptedException {
        CountDownLatch secondInFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        f.channel.answerWith(m -> {
            if (m.deliveryId().sequence() == 1) {
                secondInFlight.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return SendOutcome.accepted("ref");
        });
        Reservation r = f.msgsvc.reserve(
                EngineFixture.request("acme", "Hi", "+1", "+2", "+3", "+4").build());
        assertThat(secondInFlight.await(20, TimeUnit.SECONDS)).isTrue();

        assertThat(f.msgsvc.cancel("acme", r.id())).isEqualTo(CancelOutcome.CANCEL_REQUESTED);
        release.countDown();

        await().until(() -> f.msgsvc.reservation("acme", r.id()).reservation().status() == ReservationStatus.CANCELLED);
        assertThat(f.msgsvc.reservation("acme", r.id()).deliveries())
                .extracting(Delivery::state)
                .containsExactly(
                        DeliveryState.SENT, DeliveryState.SENT, DeliveryState.CANCELLED, DeliveryState.CANCELLED);
        assertThat(f.channel.recipientsCalled(r.id())).containsExactly("+1", "+2");
        await().until(() -> f.msgsvc.billing("acme").charges() == 2);
        assertThat(f.msgsvc.reservation("acme", r.id()).reservation().cancelled())
                .isEqualTo(2);
    }

    @Test
    void anEndedReservationCannotBeCancelled() {
        Reservation r =
                f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1").build());
        await().until(() -> f.msgsvc.reservation("acme", r.id()).reservation().status() == ReservationStatus.COMPLETED);

        assertThatThrownBy(() -> f.msgsvc.cancel("acme", r.id()))
                .isInstanceOf(ReservationNotCancellableException.class)
                .hasMessageContaining("is COMPLETED with nothing left to send");
    }
}
