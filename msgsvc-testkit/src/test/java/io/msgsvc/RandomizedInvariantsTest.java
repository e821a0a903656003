package io.msgsvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.api.CancelOutcome;
import io.msgsvc.api.DashboardView;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationDetails;
import io.msgsvc.api.ReservationNotCancellableException;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.api.StatisticsCounters;
import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.testkit.RecordingChannel;
import io.msgsvc.testkit.RedeliveringEventTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Many reservations on two engines sharing one storage, a channel that randomly accepts, fails for good or fails
 * for now, events redelivered at random, some cancellations: afterwards the invariants hold exactly. One engine
 * consumes each projection role apart, the other all of them together.
 */
class RandomizedInvariantsTest {
    private static final String[] CUSTOMERS = {"acme", "globex", "initech", "umbrella", "hooli"};

    @RepeatedTest(3)
    void billingStatisticsDashboardAndOrderHoldUnderRandomFailuresAndRedelivery() {
        long seed = Long.getLong("msgsvc.seed", System.nanoTime());
        String why = "seed " + seed + " (rerun with -Dmsgsvc.seed=" + seed + ")";
        Random random = new Random(seed);
        RecordingChannel channel = new RecordingChannel(m -> outcome(seed, m));
        InMemoryStorage storage = new InMemoryStorage();
        RedeliveringEventTransport transportA = new RedeliveringEventTransport(0.3, seed);
        RedeliveringEventTransport transportB = new RedeliveringEventTransport(0.3, seed + 1);
        RetryPolicy fastRetries = RetryPolicy.exponential(3, Duration.ofMillis(2), 2.0, Duration.ofMillis(10));

        try (Msgsvc a = node(storage, channel, transportA, fastRetries, "a", false);
                Msgsvc b = node(storage, channel, transportB, fastRetries, "b", true)) {
            assertThat(transportA.consumerNames()).containsExactly("billing", "statistics", "status", "dashboard");
            assertThat(transportB.consumerNames()).containsExactly("billing+statistics+status+dashboard");
            Map<Reservation, String> reservations = new HashMap<>();
            for (int i = 0; i < 200; i++) {
                String customer = CUSTOMERS[random.nextInt(CUSTOMERS.length)];
                List<String> recipients = new ArrayList<>();
                int count = 1 + random.nextInt(30);
                for (int j = 0; j < count; j++) {
                    recipients.add("+" + i + "-" + j);
                }
                Msgsvc entry = random.nextBoolean() ? a : b;
                Reservation r = entry.reserve(ReservationRequest.builder()
                        .customerId(customer)
                        .text("msg " + i)
                        .recipients(recipients)
                        .sendAt(Instant.now().plusMillis(random.nextInt(300)))
                        .build());
                reservations.put(r, customer);
                if (random.nextInt(20) == 0) {
                    try {
                        assertThat(entry.cancel(customer, r.id()))
                                .isIn(CancelOutcome.CANCELLED, CancelOutcome.CANCEL_REQUESTED);
                    } catch (ReservationNotCancellableException alreadyEnded) {
                        // it raced to completion: nothing to check here
                    }
                }
            }

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> reservations.keySet().stream()
                            .allMatch(r -> a.reservation(r.customerId(), r.id())
                                            .reservation()
                                            .status()
                                            .isTerminal()
                                    && a.dashboard(r.customerId(), r.id())
                                            .status()
                                            .isTerminal()));

            Set<DeliveryId> sent = new HashSet<>();
            Map<String, StatisticsCounters> expectedStats = new HashMap<>();
            Map<DeliveryId, Integer> acceptedCalls = new HashMap<>();
            for (OutboundMessage m : channel.calls()) {
                if (outcome(seed, m) instanceof SendOutcome.Accepted) {
                    acceptedCalls.merge(m.deliveryId(), 1, Integer::sum);
                }
            }
            for (Reservation r : reservations.keySet()) {
                String customer = r.customerId();
                ReservationDetails details = b.reservation(customer, r.id());
                int s = 0, fl = 0, c = 0;
                for (Delivery d : details.deliveries()) {
                    assertThat(d.state().isTerminal())
                            .as("I1 every delivery has a result; " + why)
                            .isTrue();
                    switch (d.state()) {
                        case SENT -> {
                            s++;
                            sent.add(d.id());
                        }
                        case FAILED -> fl++;
                        case CANCELLED -> c++;
                        default -> throw new AssertionError(d);
                    }
                }
                expectedStats.merge(customer, new StatisticsCounters(1, s, fl, 0, c), StatisticsCounters::plus);

                DashboardView view = a.dashboard(customer, r.id());
                assertThat(List.of(view.total(), view.sent(), view.failed(), view.cancelled()))
                        .as("I5 the dashboard equals the store; " + why)
                        .containsExactly(r.recipientCount(), s, fl, c);
                assertThat(view.status())
                        .as(why)
                        .isEqualTo(details.reservation().status());
                assertThat(List.of(
                                details.reservation().sent(),
                                details.reservation().failed(),
                                details.reservation().cancelled()))
                        .as(why)
                        .containsExactly(s, fl, c);

                List<Integer> order = channel.callsFor(r.id()).stream()
                        .map(m -> m.deliveryId().sequence())
                        .toList();
                assertThat(order)
                        .as("I6 recipients are called in list order; " + why)
                        .isSorted();
            }

            assertThat(acceptedCalls.keySet())
                    .as("each sent delivery was accepted once; " + why)
                    .isEqualTo(sent);
            assertThat(acceptedCalls.values()).as(why).containsOnly(1);

            Set<DeliveryId> billed = new HashSet<>();
            for (Reservation r : reservations.keySet()) {
                a.charges(r.customerId(), r.id())
                        .forEach(charge -> assertThat(billed.add(charge.deliveryId()))
                                .as("billed once; " + why)
                                .isTrue());
            }
            assertThat(billed).as("I3 billed == sent; " + why).isEqualTo(sent);
            for (String customer : CUSTOMERS) {
                StatisticsCounters expected = expectedStats.getOrDefault(customer, StatisticsCounters.ZERO);
                assertThat(b.statistics(customer, Instant.EPOCH, Instant.MAX).totals())
                        .as("I4 statistics == results for " + customer + "; " + why)
                        .isEqualTo(expected);
                assertThat(a.billing(customer).charges()).as(why).isEqualTo(expected.sent());
            }
            assertThat(transportA.redeliveries() + transportB.redeliveries())
                    .as(why)
                    .isPositive();
        }
    }

    private static Msgsvc node(
            InMemoryStorage storage,
            RecordingChannel channel,
            RedeliveringEventTransport transport,
            RetryPolicy retries,
            String name,
            boolean projectTogether) {
        return Msgsvc.builder()
                .projectTogether(projectTogether)
                .storage(storage)
                .channel(channel)
                .eventTransport(transport)
                .retryPolicy(retries)
                .dispatchThreads(4)
                .pollInterval(Duration.ofMillis(50))
                .nodeId(name)
                .build()
                .start();
    }

    /** The same call always gets the same answer, so the test can tell which calls were accepted. */
    private static SendOutcome outcome(long seed, OutboundMessage m) {
        int roll = Math.floorMod(new Random(seed ^ m.idempotencyKey().hashCode() * 31L + m.attempt()).nextInt(), 100);
        if (roll < 70) {
            return SendOutcome.accepted("ref-" + m.idempotencyKey());
        }
        return roll < 80
                ? SendOutcome.permanentFailure("rejected by carrier")
                : SendOutcome.transientFailure("throttled");
    }
}
