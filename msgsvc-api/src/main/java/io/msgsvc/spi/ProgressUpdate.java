package io.msgsvc.spi;

import java.util.UUID;

/**
 * One event's change to a reservation's progress, with the event's id for deduplication.
 *
 * @param eventId the event's id
 * @param delta   what it changes
 */
public record ProgressUpdate(UUID eventId, ProgressDelta delta) {}
