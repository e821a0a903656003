package io.msgsvc.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import io.msgsvc.spi.OutboxEntry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A relay that takes outbox events holds the outbox until its transaction ends: another relay meanwhile takes
 * nothing (it skips, it does not wait), then takes what follows, in order; published events are deleted, and a batch
 * whose transaction rolled back is taken again.
 */
class OutboxTakeTest {

    static Stream<Arguments> storages() {
        return Stream.of(
                Arguments.of("H2", (Supplier<JdbcStorage>) TestStorages::h2),
                Arguments.of("PostgreSQL", (Supplier<JdbcStorage>) TestStorages::postgres),
                Arguments.of("MariaDB", (Supplier<JdbcStorage>) TestStorages::mariadb));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storages")
    void oneRelayAtATimeInOrderAndPublishedRowsDeleted(String name, Supplier<JdbcStorage> storages) throws Exception {
        JdbcStorage storage = storages.get();
        try {
            List<ReservationEvent> events = new ArrayList<>();
            ReservationId reservation = ReservationId.random();
            Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            for (int i = 0; i < 5; i++) {
                events.add(new ReservationEvent.Reserved(UUID.randomUUID(), reservation, "c", at, i + 1, at));
            }
            storage.inTransaction(tx -> {
                storage.outbox().append(tx, events);
                return null;
            });

            CountDownLatch taken = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<List<OutboxEntry>> first =
                    CompletableFuture.supplyAsync(() -> storage.inTransaction(tx -> {
                        List<OutboxEntry> batch = storage.outbox().take(tx, 3);
                        taken.countDown();
                        await(release);
                        storage.outbox().markPublished(tx, batch);
                        return batch;
                    }));
            assertThat(taken.await(30, TimeUnit.SECONDS)).isTrue();
            // the first relay still holds the outbox: the second one goes away empty-handed at once
            List<OutboxEntry> meanwhile =
                    storage.inTransaction(tx -> storage.outbox().take(tx, 3));
            assertThat(meanwhile).isEmpty();
            release.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS))
                    .extracting(OutboxEntry::event)
                    .containsExactlyElementsOf(events.subList(0, 3));

            // a batch taken and rolled back (the transport refused it) comes again, first
            try {
                storage.inTransaction(tx -> {
                    storage.outbox().take(tx, 1);
                    throw new IllegalStateException("broker down");
                });
            } catch (IllegalStateException expected) {
                // rolled back
            }
            List<OutboxEntry> rest = storage.inTransaction(tx -> {
                List<OutboxEntry> batch = storage.outbox().take(tx, 10);
                storage.outbox().markPublished(tx, batch);
                return batch;
            });
            assertThat(rest).extracting(OutboxEntry::event).containsExactlyElementsOf(events.subList(3, 5));
            List<OutboxEntry> left =
                    storage.inTransaction(tx -> storage.outbox().take(tx, 10));
            assertThat(left).isEmpty();
            assertThat(storage.outbox().backlog(10).unpublished()).isZero();
        } finally {
            TestStorages.release(storage);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
