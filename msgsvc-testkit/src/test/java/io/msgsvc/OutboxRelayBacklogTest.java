package io.msgsvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.spi.EventTransport;
import io.msgsvc.testkit.EngineFixture;
import io.msgsvc.testkit.RecordingChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A relay behind a backlog takes larger batches (each round trip costs the same), and small ones once caught up. */
class OutboxRelayBacklogTest {
    private static final int BATCH = 10;

    @Test
    void takesGrowWhileTheyComeBackFullAndShrinkOnceCaughtUp() {
        InMemoryStorage storage = new InMemoryStorage();
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

        BrokerStandIn broker = new BrokerStandIn();
        try (Msgsvc relay = Msgsvc.builder()
                .storage(storage)
                .channel(channel)
                .eventTransport(broker)
                .outboxBatchSize(BATCH)
                .roles(Role.RELAY)
                .build()
                .start()) {
            await().until(() -> broker.published() == backlog);
            List<Integer> sizes = broker.batchSizes();
            assertThat(sizes.subList(0, 4)).containsExactly(BATCH, 2 * BATCH, 4 * BATCH, 8 * BATCH);
            assertThat(sizes).allMatch(size -> size <= OutboxRelay.BACKLOG_GROWTH * BATCH);
            assertThat(new HashSet<>(broker.eventIds())).hasSize(backlog);

            int before = sizes.size();
            relay.reserve(EngineFixture.request("acme", "Hi", "+1", "+2").build());
            await().until(() -> broker.published() > backlog);
            assertThat(broker.batchSizes().get(before))
                    .as("caught up: the next take is the configured batch again")
                    .isLessThanOrEqualTo(BATCH);
        }
    }

    /** A transport that stands for a broker (events leave the process) and records what it was handed. */
    private static final class BrokerStandIn implements EventTransport {
        private final List<List<ReservationEvent>> batches = new CopyOnWriteArrayList<>();

        @Override
        public void subscribe(String consumerName, Consumer<List<ReservationEvent>> handler) {}

        @Override
        public void start() {}

        @Override
        public void publish(List<ReservationEvent> events) {
            batches.add(List.copyOf(events));
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
