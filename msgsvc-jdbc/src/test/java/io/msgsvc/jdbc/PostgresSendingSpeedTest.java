package io.msgsvc.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.msgsvc.Msgsvc;
import io.msgsvc.SendingLimits;
import io.msgsvc.api.AsyncMessageChannel;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.api.SendingSpeed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A channel speed held by three engines on one PostgreSQL database: together they send no faster than it allows,
 * and no slower than 5 % below it, each engine taking its sends from the one shared bucket.
 */
class PostgresSendingSpeedTest {
    private static final SendingSpeed SPEED = SendingSpeed.perSecond(300); // a burst of 30
    private static final int RESERVATIONS = 6;
    private static final int RECIPIENTS = 350;

    @Test
    void threeEnginesTogetherHoldTheChannelSpeedWithinFivePercent() {
        HikariDataSource first = (HikariDataSource) TestDatabases.postgres();
        List<HikariDataSource> pools =
                new ArrayList<>(List.of(first, TestDatabases.anotherPool(first), TestDatabases.anotherPool(first)));
        List<JdbcStorage> storages = new ArrayList<>();
        List<Msgsvc> nodes = new ArrayList<>();
        ConcurrentLinkedQueue<Long> sentAt = new ConcurrentLinkedQueue<>();
        List<AtomicInteger> sentBy = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                JdbcStorage storage = TestStorages.on(pools.get(i));
                storages.add(storage);
                AtomicInteger mine = new AtomicInteger();
                sentBy.add(mine);
                AsyncMessageChannel gateway = m -> {
                    sentAt.add(System.nanoTime());
                    mine.incrementAndGet();
                    return CompletableFuture.completedFuture(SendOutcome.accepted(null));
                };
                nodes.add(Msgsvc.builder()
                        .storage(storage)
                        .channel(gateway)
                        .nodeId("node-" + i)
                        .dispatchThreads(2) // six reservations: each engine sends two at once
                        .pollInterval(Duration.ofMillis(50))
                        .sendingLimits(SendingLimits.none().channel(SPEED))
                        .build()
                        .start());
            }
            Instant dueAt = Instant.now().plusSeconds(1);
            List<Reservation> reservations = new ArrayList<>();
            for (int r = 0; r < RESERVATIONS; r++) {
                reservations.add(nodes.get(r % 3)
                        .reserve(ReservationRequest.builder()
                                .customerId("c" + r)
                                .text("Hi")
                                .recipients(IntStream.range(0, RECIPIENTS)
                                        .mapToObj(i -> "+" + i)
                                        .toList())
                                .sendAt(dueAt)
                                .build()));
            }

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> reservations.stream()
                            .allMatch(r -> nodes.get(0)
                                            .reservation(r.customerId(), r.id())
                                            .reservation()
                                            .status()
                                    == ReservationStatus.COMPLETED));

            List<Long> times = sentAt.stream().sorted(Comparator.naturalOrder()).toList();
            assertThat(times).hasSize(RESERVATIONS * RECIPIENTS);
            assertThat(sentBy).allSatisfy(n -> assertThat(n.get()).isPositive());
            // the first burst is the bucket's own; the speed holds for everything after it
            double seconds = (times.get(times.size() - 1) - times.get(0)) / 1e9;
            double rate = (times.size() - SPEED.burst()) / seconds;
            assertThat(rate).as("sends per second").isBetween(300 * 0.95, 300 * 1.05);
        } finally {
            nodes.forEach(Msgsvc::close);
            storages.forEach(JdbcStorage::close);
            pools.forEach(HikariDataSource::close);
        }
    }
}
