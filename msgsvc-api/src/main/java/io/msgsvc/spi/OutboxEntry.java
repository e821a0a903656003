package io.msgsvc.spi;

import io.msgsvc.api.ReservationEvent;

/**
 * An event waiting in the outbox; {@code position} orders the outbox.
 *
 * @param position its place in the outbox, increasing in the order written (above zero), or {@link #NO_POSITION}
 * @param event    the event
 */
public record OutboxEntry(long position, ReservationEvent event) {
    /** The position of an event whose place in the outbox is not known (a transport that does not carry it). */
    public static final long NO_POSITION = 0;

    /** {@return whether this entry's position is known} */
    public boolean positioned() {
        return position != NO_POSITION;
    }
}
