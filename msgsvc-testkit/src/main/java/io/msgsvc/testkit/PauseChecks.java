package io.msgsvc.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationNotChangeableException;
import io.msgsvc.api.ReservationStatus;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/** Checks {@link PauseContract} makes on an engine's reservations, events and refusals. */
final class PauseChecks {
    private static final Duration WAIT = EngineContract.WAIT;

    private PauseChecks() {}

    static List<Integer> upTo(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    /** Waits until deliveries 0 to {@code count - 1} are sent. */
    static void awaitSentThrough(EngineFixture f, ReservationId id, int count) {
        await().atMost(WAIT)
                .until(() -> f.msgsvc.reservation("acme", id).deliveries().stream()
                        .limit(count)
                        .allMatch(d -> d.state() == DeliveryState.SENT));
    }

    static List<ReservationEvent> eventsOf(EngineFixture f, ReservationId id) {
        return f.events.stream().filter(e -> e.reservationId().equals(id)).toList();
    }

    /** Each of {@code types} was told exactly once for {@code id} (waits for the first, then checks no repeat). */
    @SafeVarargs
    static void awaitToldOnce(EngineFixture f, ReservationId id, Class<? extends ReservationEvent>... types) {
        for (Class<? extends ReservationEvent> type : types) {
            await().atMost(WAIT).until(() -> !f.eventsOf(type).isEmpty());
            assertThat(f.eventsOf(type))
                    .as("%s told once", type.getSimpleName())
                    .filteredOn(e -> e.reservationId().equals(id))
                    .hasSize(1);
        }
    }

    static void assertRefused(Runnable call, String reason, ReservationStatus status) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ReservationNotChangeableException.class, e -> {
            assertThat(e.getMessage()).contains(reason);
            if (status != null) {
                assertThat(e.status()).isEqualTo(status);
            }
        });
    }
}
