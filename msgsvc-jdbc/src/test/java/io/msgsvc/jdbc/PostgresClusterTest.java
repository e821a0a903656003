package io.msgsvc.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.msgsvc.Msgsvc;
import io.msgsvc.RetryPolicy;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.MessageChannel;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.api.StatisticsCounters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Three engines on one PostgreSQL database send 10 000 deliveries with random failures; one engine dies abruptly
 * (its connections cut, its gateway calls hanging) a third of the way through. The others take over its leases.
 */
class PostgresClusterTest {
    private static final int RESERVATIONS = 200;
    private static final int RECIPIENTS = 50;

    /** A provider that honours idempotency keys: a repeated key is answered, not delivered again. */
    static final class Provider {
        final Map<String, Integer> deliveredOrder = new ConcurrentHashMap<>();
        final List<OutboundMessage> firstDeliveries = new CopyOnWriteArrayList<>();
        private final long seed;

        Provider(long seed) {
            this.seed = seed;
        }

        SendOutcome send(OutboundMessage m) {
            int roll = Math.floorMod(
                    new Random(seed ^ (m.idempotencyKey().hashCode() * 31L + m.attempt())).nextInt(), 100);
            if (roll >= 90) {
                return SendOutcome.transientFailure("throttled");
            }
            if (roll >= 85) {
                return SendOutcome.permanentFailure("unknown number");
            }
            synchronized (this) {
                if (deliveredOrder.putIfAbsent(m.idempotencyKey(), firstDeliveries.size()) == null) {
                    firstDeliveries.add(m);
                }
            }
            return SendOutcome.accepted("ref-" + m.idempotencyKey());
        }
    }

    @Test
    void threeNodesOneDiesEveryDeliveryHasExactlyOneResultAndBillingAndStatisticsMatch() throws Exception {
        long seed = Long.getLong("msgsvc.seed", System.nanoTime());
        String why = "seed " + seed;
        HikariDataSource first = (HikariDataSource) TestDatabases.postgres();
        Provider provider = new Provider(seed);
        AtomicBoolean victimDead = new AtomicBoolean();
        List<HikariDataSource> pools =
                new ArrayList<>(List.of(first, TestDatabases.anotherPool(first), TestDatabases.anotherPool(first)));
        List<JdbcStorage> storages = new ArrayList<>();
        List<Msgsvc> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                JdbcStorage storage = TestStorages.on(pools.get(i));
                storages.add(storage);
                boolean victim = i == 2;
                MessageChannel channel = m -> {
                    if (victim && victimDead.get()) {
                        Thread.sleep(Long.MAX_VALUE); // a dead node never answers
                    }
                    return provider.send(m);
                };
                nodes.add(Msgsvc.builder()
                        .storage(storage)
                        .channel(channel)
                        .nodeId("node-" + i)
                        .retryPolicy(RetryPolicy.exponential(3, Duration.ofMillis(20), 2.0, Duration.ofMillis(100)))
                        .lease(Duration.ofSeconds(2))
                        .channelTimeout(Duration.ofSeconds(1))
                        .pollInterval(Duration.ofMillis(100))
                        .shutdownTimeout(Duration.ofSeconds(2))
                        .dispatchThreads(4)
                        .build()
                        .start());
            }

            Random random = new Random(seed);
            List<Reservation> reservations = new ArrayList<>();
            for (int r = 0; r < RESERVATIONS; r++) {
                List<String> recipients = new ArrayList<>();
                for (int j = 0; j < RECIPIENTS; j++) {
                    recipients.add("+82-" + r + "-" + j);
                }
                Msgsvc entry = nodes.get(random.nextInt(3));
                reservations.add(entry.reserve(ReservationRequest.builder()
                        .customerId("c" + (r % 7))
                        .text("msg " + r)
                        .recipients(recipients)
                        .sendAt(Instant.now().plusMillis(random.nextInt(2000)))
                        .build()));
            }

            int total = RESERVATIONS * RECIPIENTS;
            await().atMost(Duration.ofSeconds(60)).until(() -> provider.firstDeliveries.size() > total / 3);
            victimDead.set(true);
            pools.get(2).close(); // the victim loses its database: nothing it does from here is stored

            Msgsvc survivor = nodes.get(0);
            await().atMost(Duration.ofMinutes(3))
                    .until(() -> reservations.stream()
                            .allMatch(r -> survivor.dashboard(r.customerId(), r.id())
                                            .status()
                                            .isTerminal()
                                    && survivor.reservation(r.customerId(), r.id())
                                            .reservation()
                                            .status()
                                            .isTerminal()));

            Set<String> sentKeys = new HashSet<>();
            Map<String, StatisticsCounters> expected = new HashMap<>();
            int results = 0;
            for (Reservation r : reservations) {
                int sent = 0;
                int failed = 0;
                for (Delivery d : survivor.reservation(r.customerId(), r.id()).deliveries()) {
                    assertThat(d.state())
                            .as("every delivery has one result; " + why)
                            .isIn(DeliveryState.SENT, DeliveryState.FAILED);
                    if (d.state() == DeliveryState.SENT) {
                        sent++;
                        sentKeys.add(d.id().toString());
                    } else {
                        failed++;
                    }
                    results++;
                }
                expected.merge(r.customerId(), new StatisticsCounters(1, sent, failed, 0, 0), StatisticsCounters::plus);
                List<Integer> firstDeliveryOrder = provider.firstDeliveries.stream()
                        .filter(m -> m.deliveryId().reservationId().equals(r.id()))
                        .map(m -> m.deliveryId().sequence())
                        .toList();
                assertThat(firstDeliveryOrder)
                        .as("recipients reached in list order; " + why)
                        .isSorted();
            }
            assertThat(results).isEqualTo(total);
            assertThat(provider.deliveredOrder.keySet())
                    .as("each sent delivery reached its recipient once; " + why)
                    .isEqualTo(sentKeys);
            // events the dead node had claimed from the outbox are relayed by others once its claim runs out
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (Map.Entry<String, StatisticsCounters> e : expected.entrySet()) {
                    assertThat(survivor.billing(e.getKey()).charges())
                            .as("billing of " + e.getKey() + "; " + why)
                            .isEqualTo(e.getValue().sent());
                    assertThat(survivor.statistics(e.getKey(), Instant.EPOCH, Instant.MAX)
                                    .totals())
                            .as("statistics of " + e.getKey() + "; " + why)
                            .isEqualTo(e.getValue());
                }
            });
            Set<String> billed = new HashSet<>();
            for (Reservation r : reservations) {
                survivor.charges(r.customerId(), r.id())
                        .forEach(c -> billed.add(c.deliveryId().toString()));
            }
            assertThat(billed).as("billed == sent; " + why).isEqualTo(sentKeys);
        } finally {
            nodes.forEach(Msgsvc::close);
            storages.forEach(JdbcStorage::close);
            pools.forEach(HikariDataSource::close);
        }
    }
}
