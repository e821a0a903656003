package io.msgsvc.spi;

import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.DeliveryReport;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.ReportOutcome;
import io.msgsvc.api.ReservationEvent.DeliveryReported;
import io.msgsvc.api.ReservationEvent.ReportTimedOut;
import io.msgsvc.api.ReservationId;
import java.time.Duration;
import java.time.Instant;

/**
 * What a delivery report does to a delivery, the same for every store: a submitted delivery takes one final state;
 * a final state is never reopened, except {@code UNKNOWN} (no report in time), which a late final report corrects;
 * intermediate reports only annotate a delivery still awaiting its final one; a report before the send result is
 * parked.
 *
 * <p>A message sent in parts is decided when every part has its final report: delivered when all parts were,
 * otherwise as the first part reported not delivered says (the recipient did not get the whole text).
 */
public final class ReportRules {
    private ReportRules() {}

    /**
     * What to do with a report.
     *
     * @param outcome   the answer to the reporter
     * @param next      the delivery's new state, or null to leave it
     * @param annotates whether to keep the report's status on the delivery (intermediate and parts' reports)
     * @param part      whether a part of a message in parts is to be recorded (then the parts decide {@code next})
     */
    public record Decision(ReportOutcome outcome, DeliveryState next, boolean annotates, boolean part) {}

    /**
     * The decision for a report about a delivery now in {@code current}.
     *
     * @param current the delivery's state, not null
     * @param report  a validated report about it
     * @return what to do with the report
     */
    public static Decision decide(DeliveryState current, DeliveryReport report) {
        boolean isFinal = report.status().isFinal();
        DeliveryState reported = report.status().finalState();
        return switch (current) {
            case PENDING -> new Decision(ReportOutcome.PARKED, null, false, false);
            case SUBMITTED -> {
                if (!isFinal) {
                    yield new Decision(ReportOutcome.INTERMEDIATE, null, true, false);
                }
                yield report.parts() > 1
                        ? new Decision(ReportOutcome.PART_RECORDED, null, true, true)
                        : new Decision(ReportOutcome.APPLIED, reported, true, false);
            }
            case UNKNOWN -> {
                if (!isFinal) {
                    yield new Decision(ReportOutcome.OUT_OF_ORDER, null, false, false);
                }
                if (reported == DeliveryState.UNKNOWN) {
                    yield new Decision(ReportOutcome.DUPLICATE, null, false, false);
                }
                yield report.parts() > 1
                        ? new Decision(ReportOutcome.PART_RECORDED, null, true, true)
                        : new Decision(ReportOutcome.LATE, reported, true, false);
            }
            case SENT ->
                reported == DeliveryState.DELIVERED
                        ? new Decision(ReportOutcome.DUPLICATE, null, false, false)
                        : new Decision(ReportOutcome.OUT_OF_ORDER, null, false, false);
            // a part's report after the parts decided is one of them again
            case DELIVERED, UNDELIVERED, EXPIRED ->
                isFinal && (reported == current || report.parts() > 1)
                        ? new Decision(ReportOutcome.DUPLICATE, null, false, false)
                        : new Decision(ReportOutcome.OUT_OF_ORDER, null, false, false);
            case FAILED, CANCELLED, SKIPPED, EXPIRED_UNSENT ->
                new Decision(ReportOutcome.OUT_OF_ORDER, null, false, false);
        };
    }

    /**
     * After a part was recorded: the outcome once every part is in and decided {@code decided} (null while parts
     * are missing), for a delivery that was {@code current}.
     *
     * @param current the delivery's state before its parts' reports: submitted or unknown
     * @param decided the state the parts decided, or null while some are missing
     * @return what to do: applied (late for an unknown delivery), or still part recorded
     */
    public static Decision partsDecided(DeliveryState current, DeliveryState decided) {
        if (decided == null) {
            return new Decision(ReportOutcome.PART_RECORDED, null, true, false);
        }
        return new Decision(
                current == DeliveryState.UNKNOWN ? ReportOutcome.LATE : ReportOutcome.APPLIED, decided, true, false);
    }

    /**
     * The event of a delivery that moved from {@code previous} to {@code state} by {@code report}.
     *
     * @param reservationId the reservation
     * @param customerId    its customer
     * @param deliveryId    the delivery
     * @param recipient     its recipient
     * @param state         its new, final state
     * @param previous      its state before: submitted or unknown
     * @param report        the report, whose code, reason, time, units and price the event keeps
     * @param now           when the report is recorded
     * @return the event, with a new id
     */
    public static DeliveryReported reported(
            ReservationId reservationId,
            String customerId,
            DeliveryId deliveryId,
            String recipient,
            DeliveryState state,
            DeliveryState previous,
            DeliveryReport report,
            Instant now) {
        return new DeliveryReported(
                EventIds.next(),
                reservationId,
                customerId,
                now,
                deliveryId,
                recipient,
                state,
                previous,
                report.providerCode(),
                report.reason(),
                report.reportedAt(),
                report.units(),
                report.price());
    }

    /**
     * The event of a submitted delivery whose report did not come in time.
     *
     * @param reservationId the reservation
     * @param customerId    its customer
     * @param deliveryId    the delivery
     * @param recipient     its recipient
     * @param submittedAt   when the channel accepted it
     * @param now           when it timed out
     * @return the event, with a new id
     */
    public static ReportTimedOut timedOut(
            ReservationId reservationId,
            String customerId,
            DeliveryId deliveryId,
            String recipient,
            Instant submittedAt,
            Instant now) {
        return new ReportTimedOut(EventIds.next(), reservationId, customerId, now, deliveryId, recipient, submittedAt);
    }

    /**
     * The detail a delivery keeps when it times out.
     *
     * @param awaitedFor the result timeout
     * @return the detail, naming the timeout
     */
    public static String timedOutDetail(Duration awaitedFor) {
        return "no delivery report within " + awaitedFor;
    }
}
