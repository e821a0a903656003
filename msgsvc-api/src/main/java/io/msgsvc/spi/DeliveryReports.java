package io.msgsvc.spi;

import io.msgsvc.api.DeliveryReport;
import io.msgsvc.api.ReportOutcome;
import io.msgsvc.api.ReservationId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Delivery reports: the result moment of a send through a channel that reports delivery. A submitted delivery
 * takes one final report (or ends as unknown when none comes in time, which a late report corrects); every change
 * comes with its event. Writers lock the reservation row before its delivery rows, as the dispatch queue does.
 */
public interface DeliveryReports {

    /**
     * Applies reports, in the order given, and answers for each. A report that comes before its delivery's send
     * result is stored (or names a reference no delivery has yet) is parked until the result comes.
     *
     * @param tx      the open transaction
     * @param reports validated reports, each with its report time
     * @param now     when the reports are recorded (their events' time, a parked report's arrival)
     * @return one outcome per report, in the order given, with the events of the changes
     */
    Written<List<ReportOutcome>> apply(StorageTx tx, List<DeliveryReport> reports, Instant now);

    /**
     * The send results of one reservation were just recorded as submitted (in this transaction): it now awaits
     * their reports until {@code reportsDueBy} at the latest, and reports parked for them are applied.
     *
     * @param tx           the open transaction
     * @param id           the reservation
     * @param submitted    the submitted results, with the provider's reference as detail
     * @param reportsDueBy when their reports are due at the latest: the result timeout from {@code now}
     * @param now          when the results were recorded
     * @return how many parked reports were applied
     */
    Written<Integer> submitted(
            StorageTx tx, ReservationId id, List<DeliveryResult> submitted, Instant reportsDueBy, Instant now);

    /**
     * Ends as unknown the deliveries submitted more than {@code awaitFor} before {@code now} that still have no final
     * report, in up to {@code limit} reservations; reservations another node is working on are skipped.
     *
     * @param tx       the open transaction
     * @param now      the engine's clock
     * @param awaitFor the result timeout
     * @param limit    the most reservations to look at
     * @return how many deliveries timed out, with their events
     */
    Written<Integer> timeOut(StorageTx tx, Instant now, Duration awaitFor, int limit);

    /**
     * Applies parked reports whose delivery has its send result by now, oldest first, up to {@code limit}: a report
     * and its send result stored at the same moment can miss each other (neither transaction sees the other's
     * uncommitted row), and this takes up what they left. Rows another node is working on are skipped.
     *
     * @param tx    the open transaction
     * @param now   when the reports are recorded
     * @param limit the most parked reports to apply
     * @return how many parked reports were applied, with their events
     */
    Written<Integer> retryParked(StorageTx tx, Instant now, int limit);

    /**
     * Drops reports parked before {@code parkedBefore} that no send result claimed; returns how many.
     *
     * @param tx           the open transaction
     * @param parkedBefore the oldest arrival kept
     * @return how many were dropped
     */
    int dropParked(StorageTx tx, Instant parkedBefore);
}
