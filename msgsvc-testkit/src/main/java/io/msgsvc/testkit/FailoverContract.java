package io.msgsvc.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.Msgsvc;
import io.msgsvc.api.CancelOutcome;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.SendOutcome;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A node that stops, or stops answering, mid-reservation: another resumes at the first unsent recipient. */
public abstract class FailoverContract extends EngineContract {

    @Test
    void aStoppedEngineIsResumedByANewOneAtTheFirstUnsentRecipient() throws Exception {
        CountDownLatch secondInFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (EngineFixture f = engine(b -> b.nodeId("first"))) {
            f.channel.answerWith(m -> {
                if (m.deliveryId().sequence() == 1 && secondInFlight.getCount() > 0) {
                    secondInFlight.countDown();
                    awaitQuietly(release);
                }
                return SendOutcome.accepted("ref");
            });
            Reservation r = f.msgsvc.reserve(
                    EngineFixture.request("acme", "Hi", "+1", "+2", "+3", "+4").build());
            assertThat(secondInFlight.await(20, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(f.msgsvc::close);
            await().until(() -> !f.msgsvc.isRunning());
            release.countDown();
            stopping.get(20, TimeUnit.SECONDS);
            assertThat(f.channel.recipientsCalled(r.id())).containsExactly("+1", "+2");

            Msgsvc second = f.anotherNode(b -> b.nodeId("second")).start();
            await().until(() ->
                    second.reservation("acme", r.id()).reservation().status() == ReservationStatus.COMPLETED);
            assertThat(f.channel.recipientsCalled(r.id())).containsExactly("+1", "+2", "+3", "+4");
            await().until(() -> second.billing("acme").charges() == 4);
        }
    }

    @Test
    void aNodeThatHangsLosesItsLeaseAndAnotherTakesOverWithoutDoubleResults() throws Exception {
        CountDownLatch hung = new CountDownLatch(1);
        CountDownLatch wakeTheHungNode = new CountDownLatch(1);
        try (EngineFixture f =
                engine(b -> b.nodeId("hanging").lease(Duration.ofSeconds(30)).channelTimeout(Duration.ofSeconds(10)))) {
            f.channel.answerWith(m -> {
                if (m.deliveryId().sequence() == 1 && hung.getCount() > 0) {
                    hung.countDown();
                    awaitQuietly(wakeTheHungNode);
                }
                return SendOutcome.accepted("ref-" + m.idempotencyKey());
            });
            Reservation r = f.msgsvc.reserve(
                    EngineFixture.request("acme", "Hi", "+1", "+2", "+3").build());
            assertThat(hung.await(20, TimeUnit.SECONDS)).isTrue();

            // results are written while a slow call runs, long before a lease can run out
            await().until(() ->
                    f.msgsvc.reservation("acme", r.id()).deliveries().get(0).state() == DeliveryState.SENT);
            Msgsvc rescuer = f.anotherNode(b -> b.nodeId("rescuer")).start();
            f.clock.advance(Duration.ofSeconds(31)); // the hung node's lease runs out
            await().until(() ->
                    rescuer.reservation("acme", r.id()).reservation().status() == ReservationStatus.COMPLETED);
            wakeTheHungNode.countDown();

            // the rescuer repeated the in-flight send with the same idempotency key, then went on in order
            assertThat(f.channel.recipientsCalled(r.id())).containsExactly("+1", "+2", "+2", "+3");
            assertThat(f.channel.callsFor(r.id()).get(1).idempotencyKey())
                    .isEqualTo(f.channel.callsFor(r.id()).get(2).idempotencyKey());
            await().until(() -> rescuer.billing("acme").charges() == 3);
            assertThat(rescuer.reservation("acme", r.id()).deliveries())
                    .extracting(Delivery::state)
                    .containsOnly(DeliveryState.SENT);
            await().until(() -> f.channel.calls().size() == 4
                    && !rescuer.charges("acme", r.id()).isEmpty());
            assertThat(rescuer.charges("acme", r.id())).hasSize(3);
        }
    }

    /**
     * A node whose send the provider accepted dies before the result is stored (here: it hangs for good), and the
     * customer cancels once its lease ran out: the accepted send must not end as cancelled.
     */
    @Test
    void anAcceptedSendWhoseResultWasLostIsSentAgainBeforeACancelCloses() throws Exception {
        try (Dying dying = new Dying()) {
            // started only after the cancel: a rescuer that claims first would send +3 and +4 before it
            Msgsvc rescuer = dying.f.anotherNode(b -> b.nodeId("rescuer"));
            dying.f.clock.advance(Duration.ofSeconds(31)); // the dying node's lease runs out

            assertThat(rescuer.cancel("acme", dying.r.id()))
                    .as("+2 may have reached its recipient: settled first, by the next sender")
                    .isEqualTo(CancelOutcome.CANCEL_REQUESTED);
            rescuer.start();
            dying.assertSettledBy(rescuer);
        }
    }

    /** The same, with the cancel asked while the dying node still holds the lease. */
    @Test
    void aCancelAskedOfAHungSenderIsSettledByTheNextSenderWithoutEndingAnAcceptedSendAsCancelled() throws Exception {
        try (Dying dying = new Dying()) {
            Msgsvc rescuer = dying.f.anotherNode(b -> b.nodeId("rescuer")).start();
            assertThat(rescuer.cancel("acme", dying.r.id())).isEqualTo(CancelOutcome.CANCEL_REQUESTED);
            dying.f.clock.advance(Duration.ofSeconds(31)); // the dying node's lease runs out

            dying.assertSettledBy(rescuer);
        }
    }

    /**
     * A node whose channel call for +2 was accepted by the provider and then never returned, so its result never
     * reaches the store. Result batches of one keep its issue mark tight: +2 may have been sent, +3 was not.
     */
    private final class Dying implements AutoCloseable {
        final CountDownLatch accepted = new CountDownLatch(1);
        final CountDownLatch never = new CountDownLatch(1);
        final EngineFixture f = engine(b -> b.nodeId("dying")
                .resultBatchSize(1)
                .lease(Duration.ofSeconds(30))
                .channelTimeout(Duration.ofSeconds(10)));
        final Reservation r;

        Dying() throws InterruptedException {
            f.channel.answerWith(m -> {
                if (m.deliveryId().sequence() == 1 && accepted.getCount() > 0) {
                    accepted.countDown();
                    awaitQuietly(never);
                }
                return SendOutcome.accepted("ref-" + m.idempotencyKey());
            });
            r = f.msgsvc.reserve(
                    EngineFixture.request("acme", "Hi", "+1", "+2", "+3", "+4").build());
            assertThat(accepted.await(20, TimeUnit.SECONDS)).isTrue();
        }

        void assertSettledBy(Msgsvc rescuer) {
            await().atMost(WAIT)
                    .until(() ->
                            rescuer.reservation("acme", r.id()).reservation().status() == ReservationStatus.CANCELLED);
            assertThat(rescuer.reservation("acme", r.id()).deliveries())
                    .extracting(Delivery::state)
                    .containsExactly(
                            DeliveryState.SENT, DeliveryState.SENT, DeliveryState.CANCELLED, DeliveryState.CANCELLED);
            // +2 went again with its idempotency key, so the provider keeps it one message; +3 and +4 never went
            assertThat(f.channel.recipientsCalled(r.id())).containsExactly("+1", "+2", "+2");
            assertThat(f.channel.callsFor(r.id()).get(2).idempotencyKey())
                    .isEqualTo(f.channel.callsFor(r.id()).get(1).idempotencyKey());
            await().atMost(WAIT).until(() -> rescuer.billing("acme").charges() == 2);
        }

        @Override
        public void close() {
            never.countDown();
        }
    }
}
