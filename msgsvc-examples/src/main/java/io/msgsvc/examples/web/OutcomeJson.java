package io.msgsvc.examples.web;

/**
 * What a pause, resume or reschedule did: {@code PAUSED}, {@code PAUSE_REQUESTED} (it stops before its next
 * recipient), {@code ALREADY_PAUSED}; {@code RESUMED}, {@code NOT_PAUSED}; {@code RESCHEDULED}, {@code UNCHANGED}.
 */
public record OutcomeJson(String reservationId, String outcome) {

    OutcomeJson(String reservationId, Enum<?> outcome) {
        this(reservationId, outcome.name());
    }
}
