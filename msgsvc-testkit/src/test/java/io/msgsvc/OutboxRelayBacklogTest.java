package io.msgsvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.spi.EventIds;
import io.msgsvc.spi.EventTransport;
import io.msgsvc.testkit.EngineFixture;
import io.msgsvc.testkit.RecordingChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A relay behind a backlog takes larger batches (each round trip costs the same), and small ones once caught up. */
class OutboxRelayBacklogTest {
    private static final int BATCH = 10;

    @Test
    void takesGrowWhileTheyComeBackFullAndShrinkOnceCaughtUp() {
        InMemoryStorage storage = new InMemoryStorage();
        int backlog = sendThreeHundred(storage);

        BrokerStandIn broker = new BrokerStandIn(Integer.MAX_VALUE);
        try (Msgsvc relay = relay(storage, broker)) {
            await().until(() -> broker.published() == backlog);
            List<Integer> sizes = broker.batchSizes();
            assertThat(sizes.subList(0, 4)).containsExactly(BATCH, 2 * BATCH, 4 * BATCH, 8 * BATCH);
            assertThat(sizes).allMatch(size -> size <= OutboxRelay.BACKLOG_GROWTH * BATCH);
            assertThat(new HashSet<>(broker.eventIds())).hasSize(backlog);

            // caught up (the last take was not full): more than a batch written at once is taken a batch first
            int before = sizes.size();
            List<ReservationEvent> more = IntStream.range(0, 3 * BATCH)
                    .mapToObj(i -> (ReservationEvent) new ReservationEvent.Reserved(
                            EventIds.next(), ReservationId.random(), "acme", Instant.now(), 1, Instant.now()))
                    .toList();
            storage.inTransaction(tx -> {
                storage.outbox().append(tx, more);
                return null;
            });
            await().until(() -> broker.published() == backlog + more.size());
            assertThat(broker.batchSizes().get(before)).isEqualTo(BATCH);
        }
    }

    @Test
    void aTakeTheTransportRefusedStartsAgainFromTheConfiguredBatch() {
        InMemoryStorage storage = new InMemoryStorage();
        int backlog = sendThreeHundred(storage);

        // a broker that cannot take more than 2 batches at once in time: the relay must not insist on 4
        BrokerStandIn broker = new BrokerStandIn(2 * BATCH);
        try (Msgsvc relay = relay(storage, broker)) {
            await().until(() -> broker.published() == backlog);
            assertThat(broker.refusals()).isPositive();
            assertThat(broker.batchSizes()).allMatch(size -> size <= 2 * BATCH);
            assertThat(new HashSet<>(broker.eventIds())).hasSize(backlog);
        }
    }

    /** Sends 300 recipients with an engine that does not relay: their events wait in the outbox. */
    private static int sendThreeHundred(InMemoryStorage storage) {
        RecordingChannel channel = new RecordingChannel();
        List<String> recipients =
                IntStream.range(0, 300).mapToObj(i -> "+1555" + i).toList();
        try (Msgsvc sender = Msgsvc.builder()
                .storage(storage)
                .channel(channel)
                .recipientPolicy(RecipientPolicy.defaults().withMaxRecipients(recipients.size()))
                .roles(Role.SENDER)
                .build()
                .start()) {
            Reservation r = sender.reserve(EngineFixture.request("acme", "Hi", recipients.toArray(String[]::new))
                    .build());
            await().until(() -> channel.recipientsCalled(r.id()).size() == recipients.size());
        } // closing flushes every result, with its event, to the outbox
        int backlog = storage.outbox().backlog(10_000).unpublished();
        assertThat(backlog).isGreaterThan(recipients.size());
        return backlog;
    }

    private static Msgsvc relay(InMemoryStorage storage, EventTransport broker) {
        return Msgsvc.builder()
                .storage(storage)
                .channel(new RecordingChannel())
                .eventTransport(broker)
                .outboxBatchSize(BATCH)
                .pollInterval(Duration.ofMillis(20))
                .roles(Role.RELAY)
                .build()
                .start();
    }

    /** A transport that stands for a broker (events leave the process) and records what it was handed. */
    private static final class BrokerStandIn implements EventTransport {
        private final List<List<ReservationEvent>> batches = new CopyOnWriteArrayList<>();
        private final int largestTaken;
        private final AtomicInteger refusals = new AtomicInteger();

        BrokerStandIn(int largestTaken) {
            this.largestTaken = largestTaken;
        }

        @Override
        public void subscribe(String consumerName, Consumer<List<ReservationEvent>> handler) {}

        @Override
        public void start() {}

        @Override
        public void publish(List<ReservationEvent> events) {
            if (events.size() > largestTaken) {
                refusals.incrementAndGet();
                throw new IllegalStateException("timed out waiting for the broker");
            }
            batches.add(List.copyOf(events));
        }

        int refusals() {
            return refusals.get();
        }

        int published() {
            return batches.stream().mapToInt(List::size).sum();
        }

        List<Integer> batchSizes() {
            return batches.stream().map(List::size).toList();
        }

        List<UUID> eventIds() {
            List<UUID> ids = new ArrayList<>();
            batches.forEach(b -> b.forEach(e -> ids.add(e.eventId())));
            return ids;
        }

        @Override
        public void close() {}
    }
}
