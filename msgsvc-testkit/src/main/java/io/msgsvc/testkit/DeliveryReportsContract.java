package io.msgsvc.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.DeliveryReport;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.ReportOutcome;
import io.msgsvc.api.ReportStatus;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationEvent.DeliveryReported;
import io.msgsvc.api.ReservationEvent.ReportTimedOut;
import io.msgsvc.spi.DeliveryResult;
import io.msgsvc.spi.NewReservation;
import io.msgsvc.spi.RecordedResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The delivery-report store of every adapter: parking, the report that crosses its result, the result timeout. */
public interface DeliveryReportsContract {
    /** {@return the storage under test, driven as the engine drives it} */
    StorageDriver store();

    private static DeliveryReport byReference(String reference, ReportStatus status) {
        return DeliveryReport.forReference(reference)
                .status(status)
                .reportedAt(StorageDriver.now())
                .build();
    }

    private static int retryParked(StorageDriver s, Instant now) {
        return s.write(tx -> s.storage.deliveryReports().retryParked(tx, now, 10));
    }

    private static int dropParked(StorageDriver s, Instant parkedBefore) {
        return s.storage.inTransaction(tx -> s.storage.deliveryReports().dropParked(tx, parkedBefore));
    }

    private static int timeOut(StorageDriver s, Instant now, Duration awaitFor) {
        return s.write(tx -> s.storage.deliveryReports().timeOut(tx, now, awaitFor, 10));
    }

    /** A report parked because its result was not stored yet is applied, once, by the retry of parked reports. */
    @Test
    default void aReportThatCrossedItsResultIsTakenUpByTheRetryOfParkedReports() {
        StorageDriver s = store();
        NewReservation r = s.reservation("acme", null, StorageDriver.now(), "+0", "+1");
        s.register(r);
        s.claimOne("node-a", StorageDriver.LONG_LEASE);
        s.drainOutbox();

        assertThat(s.report(byReference("ref-0", ReportStatus.DELIVERED)))
                .as("no delivery has that reference yet")
                .containsExactly(ReportOutcome.PARKED);
        // the result stored without seeing the parked report, as when both commit at the same moment
        s.record("node-a", r.id(), List.of(s.submitted(r.id(), "acme", 0), s.submitted(r.id(), "acme", 1)));
        assertThat(s.registrations.deliveries(r.id(), 0, 1))
                .extracting(Delivery::state)
                .containsExactly(DeliveryState.SUBMITTED);

        Instant now = StorageDriver.now();
        assertThat(retryParked(s, now)).isEqualTo(1);
        assertThat(retryParked(s, now)).isZero();
        assertThat(s.registrations.deliveries(r.id(), 0, 2))
                .extracting(Delivery::state)
                .containsExactly(DeliveryState.DELIVERED, DeliveryState.SUBMITTED);
        assertThat(s.drainOutbox())
                .filteredOn(e -> e instanceof DeliveryReported)
                .singleElement()
                .satisfies(e -> assertThat(((DeliveryReported) e).deliveryId()).isEqualTo(new DeliveryId(r.id(), 0)));
    }

    /**
     * Two nodes get contradicting final reports for the same deliveries at once: one wins each, once.
     *
     * @throws Exception from a reporting thread
     */
    @Test
    default void concurrentContradictingFinalReportsEndEachDeliveryOnce() throws Exception {
        StorageDriver s = store();
        int size = 40;
        String[] recipients = new String[size];
        List<RecordedResult> submitted = new ArrayList<>();
        NewReservation r = s.reservation("acme", null, StorageDriver.now(), recipientsOf(recipients));
        s.register(r);
        s.claimOne("node-a", StorageDriver.LONG_LEASE);
        for (int i = 0; i < size; i++) {
            submitted.add(s.submitted(r.id(), "acme", i));
        }
        s.record("node-a", r.id(), submitted);
        s.drainOutbox();

        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            // by delivery id on one node, by provider reference (looked up first) on the other
            Future<List<ReportOutcome>> delivered = nodes.submit(() -> {
                together.await();
                List<ReportOutcome> outcomes = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    outcomes.addAll(s.report(DeliveryReport.forDelivery(new DeliveryId(r.id(), i))
                            .status(ReportStatus.DELIVERED)
                            .reportedAt(StorageDriver.now())
                            .build()));
                }
                return outcomes;
            });
            Future<List<ReportOutcome>> undelivered = nodes.submit(() -> {
                together.await();
                List<ReportOutcome> outcomes = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    outcomes.addAll(s.report(byReference("ref-" + i, ReportStatus.UNDELIVERED)));
                }
                return outcomes;
            });
            List<ReportOutcome> a = delivered.get(60, TimeUnit.SECONDS);
            List<ReportOutcome> b = undelivered.get(60, TimeUnit.SECONDS);
            List<Delivery> ended = s.registrations.deliveries(r.id(), 0, size);
            for (int i = 0; i < size; i++) {
                assertThat(List.of(a.get(i), b.get(i)))
                        .as("delivery %d: one applied, the other refused", i)
                        .containsExactlyInAnyOrder(ReportOutcome.APPLIED, ReportOutcome.OUT_OF_ORDER);
                assertThat(ended.get(i).state())
                        .as("delivery %d keeps the report that won", i)
                        .isEqualTo(
                                a.get(i) == ReportOutcome.APPLIED
                                        ? DeliveryState.DELIVERED
                                        : DeliveryState.UNDELIVERED);
            }
            assertThat(s.drainOutbox())
                    .filteredOn(e -> e instanceof DeliveryReported)
                    .hasSize(size);
        } finally {
            nodes.shutdownNow();
        }
    }

    private static String[] recipientsOf(String[] recipients) {
        for (int i = 0; i < recipients.length; i++) {
            recipients[i] = "+" + i;
        }
        return recipients;
    }

    /** Parked reports that never match take no retry's place from an older-parked one whose result is in. */
    @Test
    default void parkedReportsThatNeverMatchDoNotHideOneWhoseResultIsIn() {
        StorageDriver s = store();
        NewReservation r = s.reservation("acme", null, StorageDriver.now(), "+0");
        s.register(r);
        s.claimOne("node-a", StorageDriver.LONG_LEASE);
        s.drainOutbox();
        for (int i = 0; i < 15; i++) { // more than one retry takes (10 here), all older than the one that matters
            assertThat(s.report(byReference("another-system-" + i, ReportStatus.DELIVERED)))
                    .containsExactly(ReportOutcome.PARKED);
        }
        assertThat(s.report(byReference("ref-0", ReportStatus.DELIVERED))).containsExactly(ReportOutcome.PARKED);
        s.record("node-a", r.id(), List.of(s.submitted(r.id(), "acme", 0)));

        assertThat(retryParked(s, StorageDriver.now())).isEqualTo(1);
        assertThat(s.registrations.deliveries(r.id(), 0, 1))
                .extracting(Delivery::state)
                .containsExactly(DeliveryState.DELIVERED);
    }

    /** A parked report no result claims is dropped once its time is up, not before. */
    @Test
    default void parkedReportsNoResultClaimsAreDroppedAfterTheirTime() {
        StorageDriver s = store();
        assertThat(s.report(byReference("never-sent", ReportStatus.DELIVERED))).containsExactly(ReportOutcome.PARKED);
        Instant now = StorageDriver.now();

        assertThat(dropParked(s, now.minusSeconds(60)))
                .as("still within its time")
                .isZero();
        assertThat(dropParked(s, now.plusSeconds(1))).isEqualTo(1);
        assertThat(retryParked(s, now)).isZero();
    }

    /** On real time: database stores may measure the timeout on the database clock. */
    @Test
    default void theTimeoutEndsOnlyDeliveriesSubmittedLongEnoughAgoAndComesBackForTheRest() {
        StorageDriver s = store();
        NewReservation r = s.reservation("acme", null, StorageDriver.now(), "+0", "+1");
        s.register(r);
        s.claimOne("node-a", StorageDriver.LONG_LEASE);
        Duration awaitFor = Duration.ofSeconds(2);
        Instant first = StorageDriver.now();
        RecordedResult submittedFirst = s.submitted(r.id(), "acme", 0);
        s.record("node-a", r.id(), List.of(submittedFirst));
        s.write(tx -> s.storage
                .deliveryReports()
                .submitted(tx, r.id(), List.of(submittedFirst.result()), first.plus(awaitFor), first));
        // submitted a second and a half later
        Instant later = first.plusMillis(1500);
        s.record(
                "node-a",
                r.id(),
                List.of(new RecordedResult(
                        new DeliveryResult(new DeliveryId(r.id(), 1), DeliveryState.SUBMITTED, 1, "ref-1", later),
                        s.submitted(r.id(), "acme", 1).event())));
        s.drainOutbox();

        assertThat(timeOut(s, StorageDriver.now(), awaitFor))
                .as("nothing overdue yet")
                .isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> timeOut(s, StorageDriver.now(), awaitFor) == 1);
        assertThat(s.registrations.deliveries(r.id(), 0, 2))
                .extracting(Delivery::state)
                .containsExactly(DeliveryState.UNKNOWN, DeliveryState.SUBMITTED);
        await().atMost(Duration.ofSeconds(20))
                .alias("the sweep comes back for the one submitted later")
                .until(() -> timeOut(s, StorageDriver.now(), awaitFor) == 1);
        assertThat(s.registrations.deliveries(r.id(), 0, 2))
                .extracting(Delivery::state)
                .containsOnly(DeliveryState.UNKNOWN);
        List<ReservationEvent> events = s.drainOutbox();
        assertThat(events).filteredOn(e -> e instanceof ReportTimedOut).hasSize(2);
    }
}
