package io.msgsvc.spi;

import io.msgsvc.api.ReservationEvent;

/**
 * An event waiting in the outbox; {@code position} orders the outbox.
 *
 * @param position its place in the outbox, increasing in the order written
 * @param event    the event
 */
public record OutboxEntry(long position, ReservationEvent event) {}
