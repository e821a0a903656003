package io.msgsvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.api.CancelOutcome;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.MessageChannel;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.testkit.EngineFixture;
import io.msgsvc.testkit.SimulatedGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sends of one reservation in flight at once, issued in list order; what a failure or a crash in the window does. */
class PipelinedDispatchTest {
    private final SimulatedGateway gateway = new SimulatedGateway(Duration.ofMillis(5));
    private EngineFixture f;

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
        gateway.close();
    }

    private static String[] recipients(int n) {
        return IntStream.range(0, n).mapToObj(i -> "+" + i).toArray(String[]::new);
    }

    private static List<Integer> upTo(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private Reservation reserve(int recipients) {
        return f.msgsvc.reserve(
                EngineFixture.request("acme", "Hi", recipients(recipients)).build());
    }

    private void awaitStatus(Reservation r, ReservationStatus status) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> f.msgsvc.reservation("acme", r.id()).reservation().status() == status);
    }

    @Test
    void anAsynchronousChannelIsIssuedInListOrderWithTheWholeWindowInFlight() {
        f = new EngineFixture(new InMemoryStorage(), b -> b.channel(gateway).sendWindow(8));
        Reservation r = reserve(200);

        awaitStatus(r, ReservationStatus.COMPLETED);
        assertThat(gateway.sequencesCalled(r.id()))
                .as("call i+1 never before call i")
                .isEqualTo(upTo(200));
        assertThat(gateway.mostInFlight()).as("the window filled, never more").isEqualTo(8);
        assertThat(f.msgsvc.reservation("acme", r.id()).deliveries())
                .extracting(Delivery::state)
                .containsOnly(DeliveryState.SENT);
        await().until(() -> f.msgsvc.billing("acme").charges() == 200);
    }

    @Test
    void aSlowBlockingChannelThatAllowsAWindowIsPipelinedOnTheEnginesThreads() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Integer> called = new CopyOnWriteArrayList<>();
        MessageChannel blocking = new MessageChannel() {
            @Override
            public SendOutcome send(OutboundMessage m) throws InterruptedException {
                called.add(m.deliveryId().sequence());
                most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(5); // the gateway's answer time
                } finally {
                    inFlight.decrementAndGet();
                }
                return SendOutcome.accepted("ref-" + m.idempotencyKey());
            }

            @Override
            public int window() {
                return 4; // this channel may be called concurrently for one reservation
            }
        };
        f = new EngineFixture(new InMemoryStorage(), b -> b.channel(blocking));
        Reservation r = reserve(60);

        awaitStatus(r, ReservationStatus.COMPLETED);
        assertThat(most.get()).as("calls overlap, up to the window").isBetween(2, 4);
        assertThat(called).as("each recipient once").containsExactlyInAnyOrderElementsOf(upTo(60));
        await().until(() -> f.msgsvc.billing("acme").charges() == 60);
    }

    @Test
    void aBlockingChannelIsCalledOneAtATimeUnlessItAllowsMore() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        f = new EngineFixture(new InMemoryStorage(), b -> b.sendWindow(16));
        f.channel.answerWith(m -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(2); // slow enough that overlapping calls would pay
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            return SendOutcome.accepted("ref");
        });
        Reservation r = reserve(30);

        awaitStatus(r, ReservationStatus.COMPLETED);
        assertThat(most.get()).isEqualTo(1);
        assertThat(f.channel.callsFor(r.id()))
                .extracting(m -> m.deliveryId().sequence())
                .isEqualTo(upTo(30));
    }

    @Test
    void aTransientFailureInTheWindowStopsIssuingLetsTheOthersEndAndRetriesFromIt() {
        AtomicInteger fifthCalls = new AtomicInteger();
        gateway.answerWith(m -> m.deliveryId().sequence() == 5 && fifthCalls.incrementAndGet() == 1
                ? SendOutcome.transientFailure("gateway busy")
                : SendOutcome.accepted("gw-" + m.idempotencyKey()));
        f = new EngineFixture(new InMemoryStorage(), b -> b.channel(gateway).sendWindow(8));
        Reservation r = reserve(30);

        await().until(() ->
                f.msgsvc.reservation("acme", r.id()).deliveries().get(5).attempts() == 1);
        List<Integer> firstRound = gateway.sequencesCalled(r.id());
        int lastIssued = firstRound.get(firstRound.size() - 1);
        assertThat(firstRound).isEqualTo(upTo(lastIssued + 1));
        assertThat(lastIssued).as("at most a window beyond the failure").isBetween(5, 5 + 7);
        List<Delivery> waiting = f.msgsvc.reservation("acme", r.id()).deliveries();
        for (int seq = 0; seq < 30; seq++) {
            DeliveryState expected = seq != 5 && seq <= lastIssued ? DeliveryState.SENT : DeliveryState.PENDING;
            assertThat(waiting.get(seq).state())
                    .as("delivery %d: the ones in flight ended and were stored", seq)
                    .isEqualTo(expected);
        }

        f.clock.advance(Duration.ofSeconds(10)); // the fixture's first backoff
        awaitStatus(r, ReservationStatus.COMPLETED);
        List<Integer> secondRound = gateway.sequencesCalled(r.id())
                .subList(firstRound.size(), gateway.calls().size());
        List<Integer> expected = new ArrayList<>(List.of(5));
        IntStream.range(lastIssued + 1, 30).forEach(expected::add);
        assertThat(secondRound)
                .as("from the failed one on, skipping those accepted")
                .isEqualTo(expected);
        List<OutboundMessage> fifth = gateway.callsFor(r.id()).stream()
                .filter(m -> m.deliveryId().sequence() == 5)
                .toList();
        assertThat(fifth).extracting(OutboundMessage::attempt).containsExactly(1, 2);
        assertThat(fifth.get(0).idempotencyKey()).isEqualTo(fifth.get(1).idempotencyKey());
        await().until(() -> f.msgsvc.billing("acme").charges() == 30);
    }

    @Test
    void aCancelWhileCallsInTheWindowFailSendsThemAgainBeforeItCloses() {
        Set<Integer> answeredOnce = ConcurrentHashMap.newKeySet();
        // the first calls from the fourth on reach the provider and are never answered: they time out
        gateway.holdBack(m -> m.deliveryId().sequence() >= 3
                && answeredOnce.add(m.deliveryId().sequence()));
        f = new EngineFixture(
                new InMemoryStorage(), b -> b.channel(gateway).sendWindow(8).channelTimeout(Duration.ofSeconds(1)));
        Reservation r = reserve(20);
        await().until(() -> gateway.calls().size() == 3 + 8);

        assertThat(f.msgsvc.cancel("acme", r.id())).isEqualTo(CancelOutcome.CANCEL_REQUESTED);
        awaitStatus(r, ReservationStatus.CANCELLED);

        List<Delivery> deliveries = f.msgsvc.reservation("acme", r.id()).deliveries();
        assertThat(deliveries.subList(0, 11))
                .as("issued, maybe sent: sent again with their keys, never closed as cancelled")
                .extracting(Delivery::state)
                .containsOnly(DeliveryState.SENT);
        assertThat(deliveries.subList(11, 20)).extracting(Delivery::state).containsOnly(DeliveryState.CANCELLED);
        assertThat(gateway.sequencesCalled(r.id())).allMatch(seq -> seq < 11);
        await().until(() -> f.msgsvc.billing("acme").charges() == 11);
    }

    @Test
    void aLargeCampaignLetsASmallReservationThatCameLaterGoFirst() {
        f = new EngineFixture(
                new InMemoryStorage(),
                b -> b.channel(gateway).sendWindow(4).dispatchThreads(1).dispatchSlice(Duration.ofMillis(200)));
        Reservation campaign = reserve(2000); // about 2.5 s through this gateway, on the only dispatch thread
        await().until(() -> gateway.calls().size() > 10);
        Reservation small = f.msgsvc.reserve(
                EngineFixture.request("tiny", "Hi", "+1", "+2", "+3").build());
        f.clock.advance(Duration.ofSeconds(1)); // the campaign, when it yields, is due after the small one

        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        f.msgsvc.reservation("tiny", small.id()).reservation().status() == ReservationStatus.COMPLETED);
        assertThat(f.msgsvc.reservation("acme", campaign.id()).reservation().status())
                .as("the small one did not wait for the whole campaign")
                .isEqualTo(ReservationStatus.DISPATCHING);
        awaitStatus(campaign, ReservationStatus.COMPLETED);
        assertThat(gateway.sequencesCalled(campaign.id()))
                .as("each recipient once, in list order, across the slices")
                .isEqualTo(upTo(2000));
    }

    @Test
    void throttledAnswersWaitAsToldWithoutUsingUpAttempts() {
        AtomicInteger secondCalls = new AtomicInteger();
        // more throttled answers than the fixture's three attempts
        gateway.answerWith(m -> m.deliveryId().sequence() == 1 && secondCalls.incrementAndGet() <= 4
                ? SendOutcome.throttled(Duration.ofSeconds(2))
                : SendOutcome.accepted("gw-" + m.idempotencyKey()));
        f = new EngineFixture(new InMemoryStorage(), b -> b.channel(gateway).sendWindow(1));
        Reservation r = reserve(3);

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            f.clock.advance(Duration.ofSeconds(1)); // time passes, in steps shorter than what the gateway asked
            return f.msgsvc.reservation("acme", r.id()).reservation().status() == ReservationStatus.COMPLETED;
        });
        assertThat(gateway.sequencesCalled(r.id()))
                .as("each throttled answer waited for, nothing after it meanwhile")
                .containsExactly(0, 1, 1, 1, 1, 1, 2);
        assertThat(gateway.callsFor(r.id()))
                .filteredOn(m -> m.deliveryId().sequence() == 1)
                .extracting(OutboundMessage::attempt)
                .as("a throttled call is not an attempt")
                .containsExactly(1, 1, 1, 1, 1);
        assertThat(f.msgsvc.reservation("acme", r.id()).deliveries())
                .extracting(Delivery::state)
                .containsOnly(DeliveryState.SENT);
    }

    @Test
    void aNodeThatDiesWithAFullWindowLeavesAtMostTheWindowToBeSentAgainWithTheSameKeys() {
        gateway.holdBack(m -> m.deliveryId().sequence() >= 3); // the node dies with these in flight
        f = new EngineFixture(
                new InMemoryStorage(),
                b -> b.channel(gateway)
                        .sendWindow(8)
                        .nodeId("dying")
                        .lease(Duration.ofSeconds(60))
                        .channelTimeout(Duration.ofSeconds(30)));
        Reservation r = reserve(40);
        await().until(() -> gateway.calls().size() == 3 + 8
                && f.msgsvc.reservation("acme", r.id()).deliveries().get(2).state() == DeliveryState.SENT);

        gateway.holdBack(m -> false);
        f.anotherNode(b -> b.channel(gateway).nodeId("rescuer")).start();
        f.clock.advance(Duration.ofSeconds(61)); // the dying node's lease runs out
        awaitStatus(r, ReservationStatus.COMPLETED);

        Map<Integer, List<String>> keysBySeq = new HashMap<>();
        for (OutboundMessage m : gateway.callsFor(r.id())) {
            keysBySeq
                    .computeIfAbsent(m.deliveryId().sequence(), s -> new ArrayList<>())
                    .add(m.idempotencyKey());
        }
        assertThat(keysBySeq).hasSize(40);
        assertThat(keysBySeq)
                .as("sent again: exactly the window that was in flight, with the same keys")
                .allSatisfy((seq, keys) -> {
                    assertThat(keys).hasSize(seq >= 3 && seq < 11 ? 2 : 1);
                    assertThat(keys).containsOnly(keys.get(0));
                });
        await().until(() -> f.msgsvc.billing("acme").charges() == 40);
    }
}
