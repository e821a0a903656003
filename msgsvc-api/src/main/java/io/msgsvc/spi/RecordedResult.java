package io.msgsvc.spi;

import io.msgsvc.api.ReservationEvent;

/** A delivery's result and the event that reports it, written together. */
public record RecordedResult(DeliveryResult result, ReservationEvent event) {}
