package io.msgsvc;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.MessageType;
import io.msgsvc.api.Pricing;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationEvent.MsgSent;
import io.msgsvc.api.ReservationEvent.Reserved;
import io.msgsvc.api.ReservationEvent.SendCompleted;
import io.msgsvc.api.ReservationEvent.SendFailed;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.StatisticsCounters;
import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.spi.OutboxEntry;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Each projection applied to the same event twice changes nothing the second time. */
class ProjectionsTest {
    private static final Instant AT = Instant.parse("2026-03-04T10:15:00Z");

    private final InMemoryStorage storage = new InMemoryStorage();
    private final Listeners listeners = new Listeners();
    private final List<ReservationEvent> told = new CopyOnWriteArrayList<>();
    private final Projections projections = new Projections(
            storage,
            Pricing.flat(new BigDecimal("0.10")),
            BillingPolicy.onAcceptance(),
            ChronoUnit.HOURS,
            listeners,
            Tracing.OFF);
    private final ReservationId id = ReservationId.random();

    ProjectionsTest() {
        listeners.add((io.msgsvc.api.ReservationEventListener) told::add);
    }

    @Test
    void applyingEveryEventTwiceEqualsApplyingItOnce() {
        List<ReservationEvent> events = List.of(
                new Reserved(UUID.randomUUID(), id, "acme", AT, 2, AT),
                new MsgSent(
                        UUID.randomUUID(), id, "acme", AT, new DeliveryId(id, 0), "+1", 1, "ref", MessageType.SMS, 1),
                new SendFailed(UUID.randomUUID(), id, "acme", AT, new DeliveryId(id, 1), "+2", 1, "bad", true),
                new SendCompleted(UUID.randomUUID(), id, "acme", AT, 1, 1));
        for (ReservationEvent e : events) {
            apply(List.of(e));
            apply(List.of(e));
        }

        assertThat(storage.billing().totals("acme").charges()).isEqualTo(1);
        assertThat(storage.billing().totals("acme").amount()).isEqualByComparingTo("0.10");
        assertThat(storage.statistics().buckets("acme", Instant.EPOCH, Instant.MAX))
                .singleElement()
                .satisfies(b -> {
                    assertThat(b.periodStart()).isEqualTo(Instant.parse("2026-03-04T10:00:00Z"));
                    assertThat(b.counters()).isEqualTo(new StatisticsCounters(1, 1, 1, 0, 0));
                });
        assertThat(storage.dashboard().find(id)).hasValueSatisfying(v -> {
            assertThat(v.sent()).isEqualTo(1);
            assertThat(v.failed()).isEqualTo(1);
            assertThat(v.status()).isEqualTo(ReservationStatus.PARTIALLY_FAILED);
        });
        assertThat(told)
                .extracting(ReservationEvent::type)
                .containsExactly(
                        "StatisticsCounted",
                        "Reserved",
                        "Billed",
                        "StatisticsCounted",
                        "MsgSent",
                        "StatisticsCounted",
                        "SendFailed",
                        "SendCompleted");
    }

    @Test
    void aLateEventNeverReopensAnEndedReservation() {
        apply(List.of(new Reserved(UUID.randomUUID(), id, "acme", AT, 1, AT)));
        apply(List.of(new SendCompleted(UUID.randomUUID(), id, "acme", AT, 1, 0)));
        apply(List.of(new ReservationEvent.DispatchStarted(UUID.randomUUID(), id, "acme", AT)));
        assertThat(storage.dashboard().find(id).orElseThrow().status()).isEqualTo(ReservationStatus.COMPLETED);
    }

    /** Each role's handler in turn, as an in-process transport hands a batch on: each its own transaction. */
    private void apply(List<? extends ReservationEvent> events) {
        for (Role role : Role.PROJECTIONS) {
            projections
                    .handlerFor(List.of(role))
                    .accept(events.stream()
                            .map(e -> new OutboxEntry(OutboxEntry.NO_POSITION, e))
                            .toList());
        }
    }
}
