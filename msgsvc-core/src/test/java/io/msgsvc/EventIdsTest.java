package io.msgsvc;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgsvc.spi.EventIds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
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
