package io.msgsvc.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.ContentPolicy;
import io.msgsvc.Msgsvc;
import io.msgsvc.MsgsvcBuilder;
import io.msgsvc.RetryPolicy;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.MessageSizer;
import io.msgsvc.api.OptOutRequest;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.api.StatisticsCounters;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A sender that lost its lease without knowing it (it stalled past the lease while another node claimed the
 * reservation) records none of the engine's own decisions: a skip, a send refused for its size, a retry given up.
 * The new holder may be sending that very delivery; were the stale decision stored first, the holder's result would
 * be dropped and a delivered message end unbilled. What the channel answered the stale node is still recorded.
 *
 * <p>Each scenario: the stale node sends +1001, then stalls; the rescuer claims once the lease runs out and sends
 * everything again under the stale node's wide issue mark, +1002 held in its channel call while the stale node wakes
 * and decides against +1002. The stale node's next write (its +1001 answer) must carry no decision on +1002.
 */
public abstract class LostLeaseContract extends EngineContract {
    private final CountDownLatch staleStalled = new CountDownLatch(1);
    private final CountDownLatch wakeStale = new CountDownLatch(1);
    private final CountDownLatch rescuerInCall = new CountDownLatch(1);
    private final CountDownLatch releaseRescuer = new CountDownLatch(1);

    @Test
    void aStaleSenderRecordsNoSkipForADeliveryTheNewHolderIsSending() throws Exception {
        RecordingChannel channel = new RecordingChannel(m -> {
            if (m.recipient().equals("+1001") && staleStalled.getCount() > 0) {
                stall(staleStalled, wakeStale); // the stale node stalls in its +1001 call
            } else if (m.recipient().equals("+1002")) {
                stall(rescuerInCall, releaseRescuer);
            }
            return SendOutcome.accepted("ok-" + m.idempotencyKey());
        });
        EngineFixture f = staleNode(channel, b -> b);
        Reservation r = f.msgsvc.reserve(request().build());

        // +1002 opts out while the rescuer has it in flight: its send stands; the waking stale node would skip it
        assertRescuedWithoutTheStaleDecision(
                f, r, b -> b, () -> f.msgsvc.optOuts().add("acme", OptOutRequest.of("+1002")));
    }

    @Test
    void aStaleSenderRecordsNoRefusalForSizeOfADeliveryTheNewHolderIsSending() throws Exception {
        MessageSizer korean = MessageSizer.koreanCarriers();
        MessageSizer stalling = (text, overLength) -> {
            if (text.length() == 91 && staleStalled.getCount() > 0) {
                stall(staleStalled, wakeStale); // the stale node stalls while it sizes +1002
            }
            return korean.size(text, overLength);
        };
        RecordingChannel channel = new RecordingChannel(m -> {
            if (m.recipient().equals("+1002")) {
                stall(rescuerInCall, releaseRescuer);
            }
            return SendOutcome.accepted("ok-" + m.idempotencyKey());
        });
        EngineFixture f = staleNode(channel, b -> b.contentPolicy(ContentPolicy.sized(stalling)));
        // +1002's rendering is 91 bytes: one over an SMS, refused at its send, unless it may have been sent already
        Reservation r = f.msgsvc.reserve(EngineFixture.request("acme", "#{n}")
                .recipient("+1001", Map.of("n", "fits"))
                .recipient("+1002", Map.of("n", "x".repeat(91)))
                .recipient("+1003", Map.of("n", "fits"))
                .recipient("+1004", Map.of("n", "fits"))
                .build());

        assertRescuedWithoutTheStaleDecision(f, r, b -> b.contentPolicy(ContentPolicy.sized(korean)), () -> {});
    }

    @Test
    void aStaleSenderThatGivesUpRecordsNoFailureForADeliveryTheNewHolderIsSending() throws Exception {
        AtomicInteger callsOf1002 = new AtomicInteger();
        RecordingChannel channel = new RecordingChannel(m -> {
            if (m.recipient().equals("+1002") && callsOf1002.incrementAndGet() == 1) {
                stall(staleStalled, wakeStale); // the stale node's only attempt: no answer in time
                return SendOutcome.transientFailure("timed out");
            } else if (m.recipient().equals("+1002")) {
                stall(rescuerInCall, releaseRescuer);
            }
            return SendOutcome.accepted("ok-" + m.idempotencyKey());
        });
        EngineFixture f = staleNode(channel, b -> b.retryPolicy(RetryPolicy.none())); // one attempt, then it gives up
        Reservation r = f.msgsvc.reserve(request().build());

        assertRescuedWithoutTheStaleDecision(f, r, b -> b, () -> {});
    }

    private static ReservationRequest.Builder request() {
        return EngineFixture.request("acme", "Hi", "+1001", "+1002", "+1003", "+1004");
    }

    /**
     * The stale node: one send at a time, each delivery looked up just before its turn, results held until the run
     * writes them; and a quick reservation sent first, so that its issue mark runs far ahead and the rescuer sends
     * all of the next one under it without a write of its own until the test releases it.
     */
    private EngineFixture staleNode(RecordingChannel channel, UnaryOperator<MsgsvcBuilder> more) {
        EngineFixture f = engine(
                channel,
                b -> more.apply(b.nodeId("stale")
                        .sendWindow(1)
                        .deliveryBatchSize(1)
                        .resultFlushInterval(Duration.ofMinutes(1))
                        .lease(Duration.ofSeconds(30))
                        .channelTimeout(Duration.ofSeconds(10))));
        Reservation warmUp = f.msgsvc.reserve(
                EngineFixture.request("globex", "Hi", "+2001", "+2002").build());
        awaitStatus(f, "globex", warmUp.id(), ReservationStatus.COMPLETED);
        return f;
    }

    private void assertRescuedWithoutTheStaleDecision(
            EngineFixture f, Reservation r, UnaryOperator<MsgsvcBuilder> rescuerSettings, Runnable whileInFlight)
            throws InterruptedException {
        assertThat(staleStalled.await(20, TimeUnit.SECONDS)).isTrue();
        Msgsvc rescuer = f.anotherNode(b -> rescuerSettings.apply(
                        b.nodeId("rescuer").sendWindow(1).resultFlushInterval(Duration.ofMinutes(1))))
                .start();
        f.clock.advance(Duration.ofSeconds(31)); // the stale node's lease runs out; the rescuer claims
        assertThat(rescuerInCall.await(20, TimeUnit.SECONDS)).isTrue(); // +1002 in flight at the rescuer
        whileInFlight.run();
        wakeStale.countDown();

        // the stale node's write: its +1001 answer (the rescuer has written nothing yet), without its +1002 decision
        await().atMost(WAIT)
                .until(() -> f.msgsvc.deliveries("acme", r.id(), 0, 1).get(0).state() == DeliveryState.SENT);
        assertThat(f.msgsvc.deliveries("acme", r.id(), 1, 1).get(0).state()).isEqualTo(DeliveryState.PENDING);
        releaseRescuer.countDown();

        awaitStatus(f, "acme", r.id(), ReservationStatus.COMPLETED);
        assertThat(f.msgsvc.deliveries("acme", r.id(), 0, 10))
                .extracting(Delivery::state)
                .containsExactly(DeliveryState.SENT, DeliveryState.SENT, DeliveryState.SENT, DeliveryState.SENT);
        assertThat(f.channel.recipientsCalled(r.id())).endsWith("+1001", "+1002", "+1003", "+1004");
        await().atMost(WAIT).until(() -> rescuer.billing("acme").charges() == 4);
        assertThat(rescuer.charges("acme", r.id())) // each delivery billed once
                .extracting(charge -> charge.deliveryId().sequence())
                .containsExactlyInAnyOrder(0, 1, 2, 3);
        StatisticsCounters counts =
                rescuer.statistics("acme", Instant.EPOCH, Instant.MAX).totals();
        assertThat(counts.skipped()).isZero();
        assertThat(counts.failed()).isZero();
    }

    private static void stall(CountDownLatch reached, CountDownLatch release) {
        reached.countDown();
        awaitQuietly(release);
    }
}
