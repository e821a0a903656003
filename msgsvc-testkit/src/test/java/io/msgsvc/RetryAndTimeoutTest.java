package io.msgsvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.testkit.EngineFixture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retries wait on the (manual) clock; the fixture retries 3 times, 10 s then 20 s apart. */
class RetryAndTimeoutTest {
    private EngineFixture f;

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void transientFailureIsRetriedAfterBackoffAndLaterRecipientsWait() {
        f = new EngineFixture(new InMemoryStorage(), b -> b);
        AtomicInteger firstRecipientCalls = new AtomicInteger();
        f.channel.answerWith(m -> m.recipient().equals("+1") && firstRecipientCalls.incrementAndGet() == 1
                ? SendOutcome.transientFailure("throttled")
                : SendOutcome.accepted("ref"));
        Reservation r =
                f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1", "+2").build());

        await().until(() ->
                f.msgsvc.reservation("acme", r.id()).deliveries().get(0).attempts() == 1);
        assertThat(f.channel.recipientsCalled(r.id())).as("+2 waits for +1").containsExactly("+1");
        f.clock.advance(Duration.ofSeconds(9));
        assertThat(f.channel.calls()).hasSize(1);
        f.clock.advance(Duration.ofSeconds(1));

        await().until(() -> f.msgsvc.reservation("acme", r.id()).reservation().status() == ReservationStatus.COMPLETED);
        assertThat(f.channel.recipientsCalled(r.id())).containsExactly("+1", "+1", "+2");
        assertThat(f.channel.callsFor(r.id()))
                .extracting(OutboundMessage::attempt)
                .containsExactly(1, 2, 1);
        assertThat(f.channel.callsFor(r.id()).get(0).idempotencyKey())
                .isEqualTo(f.channel.callsFor(r.id()).get(1).idempotencyKey());
    }

    @Test
    void transientFailuresUpToTheLimitFailTheDeliveryWithoutBilling() {
        f = new EngineFixture(new InMemoryStorage(), b -> b);
        f.channel.answerWith(m -> m.recipient().equals("+1")
                ? SendOutcome.transientFailure("gateway down")
                : SendOutcome.accepted("ref"));
        Reservation r =
                f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1", "+2").build());

        await().until(() -> f.channel.calls().size() == 1);
        f.clock.advance(Duration.ofSeconds(10));
        await().until(() -> f.channel.calls().size() == 2);
        f.clock.advance(Duration.ofSeconds(20));

        await().until(() ->
                f.msgsvc.reservation("acme", r.id()).reservation().status() == ReservationStatus.PARTIALLY_FAILED);
        Delivery first = f.msgsvc.reservation("acme", r.id()).deliveries().get(0);
        assertThat(first.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(first.attempts()).isEqualTo(3);
        assertThat(first.detail()).isEqualTo("gave up after 3 attempts: gateway down");
        await().until(() -> f.msgsvc.billing("acme").charges() == 1);
    }

    @Test
    void aChannelThatThrowsIsATransientFailureNotACrash() {
        f = new EngineFixture(new InMemoryStorage(), b -> b.retryPolicy(RetryPolicy.none()));
        f.channel.answerWith(m -> {
            throw new IllegalStateException("socket closed");
        });
        Reservation r =
                f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1", "+2").build());

        await().until(() -> f.msgsvc.reservation("acme", r.id()).reservation().status() == ReservationStatus.FAILED);
        assertThat(f.msgsvc.reservation("acme", r.id()).deliveries())
                .extracting(Delivery::detail)
                .allSatisfy(d -> assertThat(d).contains("socket closed"));
        // the engine keeps working
        f.channel.answerWith(m -> SendOutcome.accepted("ok"));
        Reservation next =
                f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+3").build());
        await().until(() ->
                f.msgsvc.reservation("acme", next.id()).reservation().status() == ReservationStatus.COMPLETED);
    }

    @Test
    void aChannelThatHangsTimesOutAsATransientFailure() {
        f = new EngineFixture(new InMemoryStorage(), b -> b.channelTimeout(Duration.ofMillis(200)));
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        f.channel.answerWith(m -> {
            if (calls.incrementAndGet() == 1) {
                try {
                    never.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    // the timeout interrupts us: a gateway client gives up on the call
                    throw new IllegalStateException("interrupted while waiting for the gateway", e);
                }
            }
            return SendOutcome.accepted("ref");
        });
        Reservation r =
                f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1").build());

        await().until(() ->
                f.msgsvc.reservation("acme", r.id()).deliveries().get(0).attempts() == 1);
        assertThat(f.msgsvc.reservation("acme", r.id()).deliveries().get(0).detail())
                .contains("did not answer within");
        f.clock.advance(Duration.ofSeconds(10));
        await().until(() -> f.msgsvc.reservation("acme", r.id()).reservation().status() == ReservationStatus.COMPLETED);
    }

    @Test
    void byDefaultTheChannelRunsOnTheDispatchThreadAndAThrowIsStillATransientFailure() {
        f = new EngineFixture(new InMemoryStorage(), b -> b.retryPolicy(RetryPolicy.none()));
        List<String> threads = new CopyOnWriteArrayList<>();
        f.channel.answerWith(m -> {
            threads.add(Thread.currentThread().getName());
            if (m.recipient().equals("+1")) {
                throw new IllegalStateException("socket closed");
            }
            return m.recipient().equals("+2") ? null : SendOutcome.accepted("ref");
        });
        Reservation r = f.msgsvc.reserve(
                EngineFixture.request("acme", "Hi", "+1", "+2", "+3").build());

        await().until(() ->
                f.msgsvc.reservation("acme", r.id()).reservation().status() == ReservationStatus.PARTIALLY_FAILED);
        assertThat(f.msgsvc.reservation("acme", r.id()).deliveries())
                .extracting(Delivery::detail)
                .satisfiesExactly(
                        d -> assertThat(d).contains("socket closed"),
                        d -> assertThat(d).contains("channel returned no outcome"),
                        d -> assertThat(d).isEqualTo("ref"));
        assertThat(threads).hasSize(3).allSatisfy(t -> assertThat(t).startsWith("msgsvc-dispatch-"));
    }

    @Test
    void isolatedTheChannelRunsOnAThreadOfItsOwn() {
        f = new EngineFixture(new InMemoryStorage(), b -> b.isolateChannelCalls(true));
        List<String> threads = new CopyOnWriteArrayList<>();
        f.channel.answerWith(m -> {
            threads.add(Thread.currentThread().getName());
            return SendOutcome.accepted("ref");
        });
        Reservation r =
                f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1").build());

        await().until(() -> f.msgsvc.reservation("acme", r.id()).reservation().status() == ReservationStatus.COMPLETED);
        assertThat(threads).singleElement().satisfies(t -> assertThat(t).startsWith("msgsvc-channel-"));
    }

    @Test
    void isolatedACallThatIgnoresTheInterruptIsAbandonedAtTheTimeout() throws InterruptedException {
        f = new EngineFixture(
                new InMemoryStorage(), b -> b.isolateChannelCalls(true).channelTimeout(Duration.ofMillis(200)));
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        f.channel.answerWith(m -> {
            if (calls.incrementAndGet() == 1) {
                awaitIgnoringInterrupts(release);
            }
            return SendOutcome.accepted("ref");
        });
        try {
            Reservation r =
                    f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1").build());

            // the dispatcher went on without the hung call: the attempt is stored as a transient failure
            await().until(() ->
                    f.msgsvc.reservation("acme", r.id()).deliveries().get(0).attempts() == 1);
            f.clock.advance(Duration.ofSeconds(10));
            await().until(() ->
                    f.msgsvc.reservation("acme", r.id()).reservation().status() == ReservationStatus.COMPLETED);
        } finally {
            release.countDown();
        }
    }

    @Test
    void aSlowCallLetsTheResultsBeforeItBeStoredWhileItRuns() throws InterruptedException {
        f = new EngineFixture(new InMemoryStorage(), b -> b.resultFlushInterval(Duration.ofMillis(20)));
        CountDownLatch slowCallRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        f.channel.answerWith(m -> {
            if (m.recipient().equals("+3")) {
                slowCallRunning.countDown();
                awaitIgnoringInterrupts(release);
            }
            return SendOutcome.accepted("ref");
        });
        try {
            Reservation r = f.msgsvc.reserve(
                    EngineFixture.request("acme", "Hi", "+1", "+2", "+3").build());
            assertThat(slowCallRunning.await(10, TimeUnit.SECONDS)).isTrue();

            // +1 and +2 are stored (by the watchdog) while +3's call is still running
            await().until(() -> f.msgsvc.reservation("acme", r.id()).deliveries().stream()
                            .filter(d -> d.state() == DeliveryState.SENT)
                            .count()
                    == 2);
            assertThat(f.msgsvc.reservation("acme", r.id()).deliveries().get(2).state())
                    .isEqualTo(DeliveryState.PENDING);
        } finally {
            release.countDown();
        }
        await().until(() -> f.msgsvc
                        .reservation(
                                "acme", f.channel.calls().get(0).deliveryId().reservationId())
                        .reservation()
                        .status()
                == ReservationStatus.COMPLETED);
    }

    @Test
    void anAnswerThatComesAfterTheTimeoutStillCounts() {
        f = new EngineFixture(new InMemoryStorage(), b -> b.channelTimeout(Duration.ofMillis(100)));
        CountDownLatch slowGateway = new CountDownLatch(1);
        f.channel.answerWith(m -> {
            boolean interrupted = false;
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
            while (System.nanoTime() < until) { // a call that does not give up when interrupted
                try {
                    slowGateway.await(until - System.nanoTime(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return SendOutcome.accepted("late-ref");
        });
        Reservation r =
                f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1").build());

        await().until(() -> f.msgsvc.reservation("acme", r.id()).reservation().status() == ReservationStatus.COMPLETED);
        Delivery d = f.msgsvc.reservation("acme", r.id()).deliveries().get(0);
        assertThat(d.state()).isEqualTo(DeliveryState.SENT);
        assertThat(d.detail()).isEqualTo("late-ref");
        assertThat(f.channel.calls()).as("accepted once, so never sent again").hasSize(1);
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // a channel that does not answer interrupts
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
