package io.msgsvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.api.Delivery;
import io.msgsvc.api.MessageChannel;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.api.SendingSpeed;
import io.msgsvc.memory.InMemoryStorage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sending speeds (a reservation's own, a customer's, the channel's) and a provider's "slow down" for the whole
 * channel, on the in-memory storage with real time: the lower bounds on how long sends take are what a speed
 * promises, so a slow machine cannot make them fail.
 */
class SendingSpeedTest {
    /** One channel call: which reservation, which recipient, when (nanoTime). */
    private record Call(ReservationId reservation, String recipient, long at) {}

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private Msgsvc msgsvc;

    @AfterEach
    void close() {
        if (msgsvc != null) {
            msgsvc.close();
        }
    }

    private void start(Function<OutboundMessage, SendOutcome> answer, UnaryOperator<MsgsvcBuilder> customize) {
        MessageChannel channel = m -> {
            calls.add(new Call(m.deliveryId().reservationId(), m.recipient(), System.nanoTime()));
            return answer.apply(m);
        };
        msgsvc = customize
                .apply(Msgsvc.builder()
                        .storage(new InMemoryStorage())
                        .channel(channel)
                        .pollInterval(Duration.ofMillis(50)))
                .build()
                .start();
    }

    private Reservation reserve(String customer, int recipients, SendingSpeed speed) {
        return msgsvc.reserve(ReservationRequest.builder()
                .customerId(customer)
                .text("Hi")
                .recipients(
                        IntStream.range(0, recipients).mapToObj(i -> "+" + i).toList())
                .sendingSpeed(speed)
                .build());
    }

    private void awaitCompleted(Reservation... reservations) {
        for (Reservation r : reservations) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> msgsvc.reservation(r.customerId(), r.id())
                                    .reservation()
                                    .status()
                            == ReservationStatus.COMPLETED);
        }
    }

    private List<Call> callsOf(Reservation r) {
        return calls.stream().filter(c -> c.reservation().equals(r.id())).toList();
    }

    private static double secondsBetween(Call first, Call last) {
        return (last.at() - first.at()) / 1e9;
    }

    @Test
    void aReservationsOwnSpeedHoldsAndItsRecipientsStillGoOnceInListOrder() {
        start(m -> SendOutcome.accepted(null), b -> b);
        Reservation r = reserve("acme", 60, SendingSpeed.perSecond(50)); // a burst of 5, then one every 20 ms

        awaitCompleted(r);

        List<Call> sent = callsOf(r);
        assertThat(sent)
                .extracting(Call::recipient)
                .containsExactlyElementsOf(
                        IntStream.range(0, 60).mapToObj(i -> "+" + i).toList());
        assertThat(secondsBetween(sent.get(0), sent.get(59))).isGreaterThanOrEqualTo((60 - 5) / 50.0 * 0.95);
        assertThat(msgsvc.reservation("acme", r.id()).reservation().sendingSpeed())
                .isEqualTo(SendingSpeed.perSecond(50));
    }

    @Test
    void aCustomersSpeedHoldsAcrossItsReservationsWhileOtherCustomersAreNotHeldBack() {
        start(
                m -> SendOutcome.accepted(null),
                b -> b.sendingLimits(
                        SendingLimits.none().customer("slow", SendingSpeed.perSecond(40)))); // a burst of 4
        Reservation slow1 = reserve("slow", 30, null);
        Reservation slow2 = reserve("slow", 30, null);
        Reservation fast = reserve("fast", 30, null);

        awaitCompleted(slow1, slow2, fast);

        List<Call> slowCalls =
                calls.stream().filter(c -> !c.reservation().equals(fast.id())).toList();
        assertThat(slowCalls).hasSize(60);
        assertThat(secondsBetween(slowCalls.get(0), slowCalls.get(59))).isGreaterThanOrEqualTo((60 - 4) / 40.0 * 0.95);
        List<Call> fastCalls = callsOf(fast);
        assertThat(fastCalls).hasSize(30);
        assertThat(fastCalls.get(29).at()).isLessThan(slowCalls.get(59).at());
    }

    @Test
    void aLongWaitForAPermitPutsTheReservationOffSoItsDispatchThreadServesOthers() throws Exception {
        CountDownLatch firstSlowSend = new CountDownLatch(1);
        start(
                m -> {
                    firstSlowSend.countDown();
                    return SendOutcome.accepted(null);
                },
                b -> b.dispatchThreads(1));
        Reservation slow = reserve("slow", 3, SendingSpeed.perMinute(60)); // one a second
        assertThat(firstSlowSend.await(10, TimeUnit.SECONDS)).isTrue();
        Reservation other = reserve("other", 5, null);

        awaitCompleted(slow, other);

        List<Call> slowCalls = callsOf(slow);
        assertThat(slowCalls).extracting(Call::recipient).containsExactly("+0", "+1", "+2");
        assertThat(secondsBetween(slowCalls.get(0), slowCalls.get(2))).isGreaterThanOrEqualTo(2 * 0.95);
        // the only dispatch thread was not held by the slow one's wait
        assertThat(callsOf(other).get(4).at()).isLessThan(slowCalls.get(1).at());
        assertThat(msgsvc.reservation("slow", slow.id()).deliveries())
                .extracting(Delivery::attempts)
                .containsOnly(1);
    }

    @Test
    void aWholeChannelThrottleHoldsEveryReservationAndUsesUpNoAttempt() throws Exception {
        CountDownLatch throttled = new CountDownLatch(1);
        long[] throttledAt = new long[1];
        start(
                m -> {
                    if (m.recipient().equals("+0") && m.attempt() == 1 && throttled.getCount() > 0) {
                        throttledAt[0] = System.nanoTime();
                        throttled.countDown();
                        return SendOutcome.channelThrottled(Duration.ofMillis(600));
                    }
                    return SendOutcome.accepted(null);
                },
                b -> b.retryPolicy(RetryPolicy.exponential(1, Duration.ofMillis(10), 2.0, Duration.ofMillis(10))));
        Reservation first = reserve("acme", 1, null);
        assertThat(throttled.await(10, TimeUnit.SECONDS)).isTrue();
        // the channel is held once the engine has the answer: the first is put off with it
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "throttled"
                        .equals(msgsvc.reservation("acme", first.id())
                                .deliveries()
                                .get(0)
                                .detail()));
        Reservation other = reserve("globex", 5, null);

        awaitCompleted(first, other);

        // nothing went through the channel while it was held, for any reservation
        assertThat(calls.stream().filter(c -> c.at() > throttledAt[0]))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.at() - throttledAt[0]).isGreaterThanOrEqualTo(600_000_000L * 95 / 100));
        // one attempt allowed, yet the throttled send went again and was accepted
        assertThat(msgsvc.reservation("acme", first.id()).deliveries())
                .extracting(Delivery::attempts)
                .containsExactly(1);
    }
}
