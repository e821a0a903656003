package io.msgsvc.api;

/**
 * Pause, resume or reschedule was asked of a reservation in a state that does not allow it (it ended, only awaits
 * delivery reports, is being cancelled, or, for a reschedule, is being sent): nothing changed. The message names the
 * reason.
 */
public class ReservationNotChangeableException extends MsgsvcException {
    /** The reservation asked about. */
    private final ReservationId id;
    /** What was asked: {@code pause}, {@code resume} or {@code reschedule}. */
    private final String action;
    /** The reservation's status when it was asked. */
    private final ReservationStatus status;

    /**
     * @param id     the reservation
     * @param action what was asked: {@code pause}, {@code resume} or {@code reschedule}
     * @param status its status when it was asked
     * @param reason why not, e.g. "it has ended"
     */
    public ReservationNotChangeableException(ReservationId id, String action, ReservationStatus status, String reason) {
        super("reservationId: reservation " + id + " is " + status + " and cannot be " + done(action) + ": " + reason);
        this.id = id;
        this.action = action;
        this.status = status;
    }

    /**
     * It ended, or every recipient has its send result and only reports are awaited: nothing left to change.
     *
     * @param id     the reservation
     * @param action what was asked: {@code pause}, {@code resume} or {@code reschedule}
     * @param status its status: ended, or {@link ReservationStatus#AWAITING_RESULTS}
     * @return the exception, to throw
     */
    public static ReservationNotChangeableException ended(ReservationId id, String action, ReservationStatus status) {
        return new ReservationNotChangeableException(
                id,
                action,
                status,
                status == ReservationStatus.AWAITING_RESULTS
                        ? "every recipient has its send result, only delivery reports are awaited"
                        : "it has ended");
    }

    /**
     * A cancel was asked and is being carried out.
     *
     * @param id     the reservation
     * @param action what was asked: {@code pause}, {@code resume} or {@code reschedule}
     * @param status its status
     * @return the exception, to throw
     */
    public static ReservationNotChangeableException cancelling(
            ReservationId id, String action, ReservationStatus status) {
        return new ReservationNotChangeableException(id, action, status, "it is being cancelled");
    }

    /**
     * Sending began (and it is not paused): its send time has passed for good.
     *
     * @param id the reservation a reschedule was asked of
     * @return the exception, to throw
     */
    public static ReservationNotChangeableException dispatching(ReservationId id) {
        return new ReservationNotChangeableException(
                id, "reschedule", ReservationStatus.DISPATCHING, "sending has begun; pause it first");
    }

    private static String done(String action) {
        return action.endsWith("e") ? action + "d" : action + "ed";
    }

    /**
     * {@code paused}, {@code resumed} or {@code rescheduled}.
     *
     * @return the action as a past participle, for messages
     */
    public String actionDone() {
        return done(action);
    }

    /** @return the reservation asked about */
    public ReservationId id() {
        return id;
    }

    /**
     * {@code pause}, {@code resume} or {@code reschedule}.
     *
     * @return what was asked
     */
    public String action() {
        return action;
    }

    /** @return the reservation's status when it was asked */
    public ReservationStatus status() {
        return status;
    }
}
