package io.msgsvc;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgsvc.spi.EventIds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Event ids are RFC 9562 version 7 UUIDs: unique, and ordered by the millisecond they were made in. */
class EventIdsTest {

    @Test
    void idsAreVersionSevenCarryTheirMillisecondAndAreUnique() {
        long before = System.currentTimeMillis();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(EventIds.next());
        }
        long after = System.currentTimeMillis();

        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
        assertThat(ids).allSatisfy(id -> {
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
            assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
        });
    }

    @Test
    void threadsMakingIdsAtOnceNeverMakeTheSameOne() throws Exception {
        int threads = 8;
        List<Future<List<UUID>>> made = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            for (int t = 0; t < threads; t++) {
                made.add(pool.submit(() -> {
                    start.await();
                    List<UUID> ids = new ArrayList<>();
                    for (int i = 0; i < 50_000; i++) {
                        ids.add(EventIds.next());
                    }
                    return ids;
                }));
            }
            start.countDown();
            Set<UUID> all = new HashSet<>();
            for (Future<List<UUID>> ids : made) {
                all.addAll(ids.get());
            }

            assertThat(all).hasSize(threads * 50_000);
            assertThat(all).allSatisfy(id -> {
                assertThat(id.version()).isEqualTo(7);
                assertThat(id.variant()).isEqualTo(2);
            });
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anIdFromALaterMillisecondSortsAfterEveryEarlierOne() {
        UUID first = EventIds.next();
        long millis = first.getMostSignificantBits() >>> 16;
        UUID later;
        do {
            later = EventIds.next();
        } while ((later.getMostSignificantBits() >>> 16) == millis);

        assertThat(later).isGreaterThan(first);
        // as PostgreSQL and H2 order uuid columns: by their bytes, unsigned
        assertThat(later.toString()).isGreaterThan(first.toString());
    }
}
