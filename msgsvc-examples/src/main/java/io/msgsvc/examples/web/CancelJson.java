package io.msgsvc.examples.web;

import io.msgsvc.api.CancelOutcome;

/** What a cancel did: {@code CANCELLED} at once, or {@code CANCEL_REQUESTED} while recipients are being sent. */
public record CancelJson(String reservationId, CancelOutcome outcome) {}
