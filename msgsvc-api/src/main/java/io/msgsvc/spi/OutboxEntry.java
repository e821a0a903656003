package io.msgsvc.spi;

import io.msgsvc.api.ReservationEvent;

/** An event waiting in the outbox; {@code position} orders the outbox. */
public record OutboxEntry(long position, ReservationEvent event) {}
