package io.msgsvc.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.Msgsvc;
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
}
