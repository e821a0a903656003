package io.msgsvc.api;

/**
 * Pause, resume or reschedule was asked of a reservation in a state that does not allow it (it ended, only awaits
 * delivery reports, is being cancelled, or, for a reschedule, is being sent): nothing changed. The message names the
 * reason.
 */
public class ReservationNotChangeableException extends MsgsvcException {
    private final ReservationId id;
    private final String action;
    private final ReservationStatus status;

    /**
     * @param action what was asked: {@code pause}, {@code resume} or {@code reschedule}
     * @param reason why not, e.g. "it has ended"
     */
    public ReservationNotChangeableException(ReservationId id, String action, ReservationStatus status, String reason) {
        super("reservationId: reservation " + id + " is " + status + " and cannot be " + done(action) + ": " + reason);
        this.id = id;
        this.action = action;
        this.status = status;
    }

    /** It ended, or every recipient has its send result and only reports are awaited: nothing left to change. */
    public static ReservationNotChangeableException ended(ReservationId id, String action, ReservationStatus status) {
        return new ReservationNotChangeableException(
                id,
                action,
                status,
                status == ReservationStatus.AWAITING_RESULTS
                        ? "every recipient has its send result, only delivery reports are awaited"
                        : "it has ended");
    }

    /** A cancel was asked and is being carried out. */
    public static ReservationNotChangeableException cancelling(
            ReservationId id, String action, ReservationStatus status) {
        return new ReservationNotChangeableException(id, action, status, "it is being cancelled");
    }

    /** Sending began (and it is not paused): its send time has passed for good. */
    public static ReservationNotChangeableException dispatching(ReservationId id) {
        return new ReservationNotChangeableException(
                id, "reschedule", ReservationStatus.DISPATCHING, "sending has begun; pause it first");
    }

    private static String done(String action) {
        return action.endsWith("e") ? action + "d" : action + "ed";
    }

    /** {@code paused}, {@code resumed} or {@code rescheduled}. */
    public String actionDone() {
        return done(action);
    }

    public ReservationId id() {
        return id;
    }

    /** {@code pause}, {@code resume} or {@code reschedule}. */
    public String action() {
        return action;
    }

    public ReservationStatus status() {
        return status;
    }
}
