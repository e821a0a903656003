package io.msgsvc.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgsvc.api.Charge;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.StatisticsCounters;
import io.msgsvc.spi.NewReservation;
import io.msgsvc.spi.ProgressDelta;
import io.msgsvc.spi.ProgressUpdate;
import io.msgsvc.spi.StatisticsIncrement;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The projection stores (status, dashboard, billing, statistics): each event applied once. Part of
 * {@link StorageContract}.
 */
public interface ProjectionStoresContract {
    /** {@return the storage under test, driven as the engine drives it} */
    StorageDriver store();

    /** Progress is applied once per event id, and a later in-progress status does not reopen an ended reservation. */
    @Test
    default void progressIsAppliedOncePerEventAndNeverReopensAnEndedReservation() {
        StorageDriver s = store();
        NewReservation r = s.reservation("acme", null, StorageDriver.now(), "+0", "+1");
        s.register(r);
        UUID sentEvent = UUID.randomUUID();
        ProgressDelta oneSent =
                new ProgressDelta(r.id(), "acme", 0, 1, 0, 0, ReservationStatus.DISPATCHING, null, StorageDriver.now());
        ProgressDelta ended =
                new ProgressDelta(r.id(), "acme", 0, 0, 0, 0, ReservationStatus.COMPLETED, null, StorageDriver.now());
        ProgressDelta late =
                new ProgressDelta(r.id(), "acme", 0, 0, 0, 0, ReservationStatus.DISPATCHING, null, StorageDriver.now());

        assertThat(s.applyStatus(sentEvent, oneSent)).isTrue();
        assertThat(s.applyStatus(sentEvent, oneSent)).isFalse();
        assertThat(s.applyStatus(UUID.randomUUID(), ended)).isTrue();
        assertThat(s.applyStatus(UUID.randomUUID(), late)).isTrue();

        Reservation stored = s.registrations.find(r.id()).orElseThrow();
        assertThat(stored.sent()).isEqualTo(1);
        assertThat(stored.status()).isEqualTo(ReservationStatus.COMPLETED);
    }

    /**
     * Status, dashboard, charge and statistics batches apply each event once, even when it repeats within the batch.
     */
    @Test
    default void batchesApplyEachEventOnceEvenWhenItRepeatsWithinTheBatch() {
        StorageDriver s = store();
        NewReservation r = s.reservation("acme", null, StorageDriver.now(), "+0", "+1");
        s.register(r);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        ProgressDelta oneSent =
                new ProgressDelta(r.id(), "acme", 0, 1, 0, 0, ReservationStatus.DISPATCHING, null, StorageDriver.now());
        var updates =
                List.of(new ProgressUpdate(a, oneSent), new ProgressUpdate(b, oneSent), new ProgressUpdate(a, oneSent));

        assertThat(s.applyStatus(updates)).containsExactlyInAnyOrder(a, b);
        assertThat(s.applyStatus(updates)).isEmpty();
        assertThat(s.registrations.find(r.id()).orElseThrow().sent()).isEqualTo(2);
        assertThat(s.applyDashboard(updates)).extracting(v -> v.sent()).containsExactly(1, 2);
        assertThat(s.applyDashboard(updates)).isEmpty();

        var charge = new Charge(new DeliveryId(r.id(), 0), "acme", BigDecimal.ONE, StorageDriver.now());
        var other = new Charge(new DeliveryId(r.id(), 1), "acme", BigDecimal.ONE, StorageDriver.now());
        assertThat(s.charge(List.of(charge, other, charge))).hasSize(2);
        assertThat(s.charge(List.of(charge, other))).isEmpty();
        assertThat(s.storage.billing().totals("acme").charges()).isEqualTo(2);

        var period = Instant.parse("2026-01-01T00:00:00Z");
        var sent = new StatisticsCounters(0, 1, 0, 0, 0);
        var inc = List.of(
                new StatisticsIncrement(a, "acme", period, sent),
                new StatisticsIncrement(a, "acme", period, sent),
                new StatisticsIncrement(b, "globex", period, sent));
        assertThat(s.count(inc)).containsExactlyInAnyOrder(a, b);
        assertThat(s.count(inc)).isEmpty();
        assertThat(s.storage.statistics().buckets(null, Instant.EPOCH, Instant.MAX))
                .hasSize(2)
                .allSatisfy(bucket -> assertThat(bucket.counters().sent()).isEqualTo(1));
    }

    /** Charges, statistics increments and dashboard updates each count once, however often they are given. */
    @Test
    default void billingStatisticsAndDashboardAreIdempotent() {
        StorageDriver s = store();
        ReservationId id = ReservationId.random();
        DeliveryId d = new DeliveryId(id, 0);
        var charge = new Charge(d, "acme", new BigDecimal("0.25"), StorageDriver.now());
        assertThat(s.charge(List.of(charge))).hasSize(1);
        assertThat(s.charge(List.of(charge))).isEmpty();
        assertThat(s.storage.billing().totals("acme").charges()).isEqualTo(1);
        assertThat(s.storage.billing().totals("acme").amount()).isEqualByComparingTo("0.25");
        assertThat(s.storage.billing().charges(id))
                .extracting(c -> c.deliveryId())
                .containsExactly(d);

        UUID event = UUID.randomUUID();
        Instant period = Instant.parse("2026-01-01T00:00:00Z");
        var delta = new StatisticsCounters(0, 1, 0, 0, 0);
        assertThat(s.count(List.of(new StatisticsIncrement(event, "acme", period, delta))))
                .hasSize(1);
        assertThat(s.count(List.of(new StatisticsIncrement(event, "acme", period, delta))))
                .isEmpty();
        assertThat(s.count(List.of(new StatisticsIncrement(UUID.randomUUID(), "acme", period, delta))))
                .hasSize(1);
        assertThat(s.storage.statistics().buckets("acme", Instant.EPOCH, Instant.MAX))
                .singleElement()
                .satisfies(b -> assertThat(b.counters().sent()).isEqualTo(2));
        assertThat(s.storage.statistics().buckets(null, period.plusSeconds(1), Instant.MAX))
                .isEmpty();

        ProgressDelta reserved =
                new ProgressDelta(id, "acme", 2, 0, 0, 0, ReservationStatus.SCHEDULED, null, StorageDriver.now());
        UUID reservedEvent = UUID.randomUUID();
        assertThat(s.applyDashboard(reservedEvent, reserved)).hasSize(1);
        assertThat(s.applyDashboard(reservedEvent, reserved)).isEmpty();
        assertThat(s.storage.dashboard().find(id)).hasValueSatisfying(v -> {
            assertThat(v.total()).isEqualTo(2);
            assertThat(v.status()).isEqualTo(ReservationStatus.SCHEDULED);
        });
        assertThat(s.storage
                        .dashboard()
                        .findByCustomer("acme", PageRequest.of(0, 10))
                        .items())
                .hasSize(1);
    }

    /** A charge's time comes back to the microsecond, however the store writes a batch of them, in any year. */
    @Test
    default void chargeTimesKeepTheirMicroseconds() {
        StorageDriver s = store();
        ReservationId id = ReservationId.random();
        List<Instant> times = List.of(
                Instant.parse("2026-11-30T01:02:03.123456Z"),
                Instant.parse("2026-11-30T23:59:59.999999Z"),
                Instant.parse("2038-01-19T03:14:08.000001Z"),
                Instant.parse("1969-12-31T23:59:59.999999Z"),
                Instant.parse("2255-06-05T23:47:34.740993Z"),
                Instant.parse("9999-12-30T23:59:59.999999Z"));
        List<Charge> charges = new ArrayList<>();
        for (int seq = 0; seq < times.size(); seq++) {
            charges.add(new Charge(new DeliveryId(id, seq), "acme", new BigDecimal("0.25"), times.get(seq)));
        }

        assertThat(s.charge(charges)).hasSize(times.size());

        assertThat(s.storage.billing().charges(id))
                .extracting(Charge::chargedAt)
                .containsExactlyElementsOf(times);
    }
}
