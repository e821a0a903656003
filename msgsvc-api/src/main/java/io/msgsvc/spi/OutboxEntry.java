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

    /**
     * {@return the events as entries without a position}, for a transport or consumer that has only the events
     *
     * @param events the events, in order
     */
    public static java.util.List<OutboxEntry> unpositioned(java.util.List<ReservationEvent> events) {
        java.util.List<OutboxEntry> entries = new java.util.ArrayList<>(events.size());
        events.forEach(event -> entries.add(new OutboxEntry(NO_POSITION, event)));
        return entries;
    }

    /**
     * {@return the entries' events, in order}
     *
     * @param entries the entries
     */
    public static java.util.List<ReservationEvent> events(java.util.List<OutboxEntry> entries) {
        java.util.List<ReservationEvent> events = new java.util.ArrayList<>(entries.size());
        entries.forEach(entry -> events.add(entry.event()));
        return events;
    }

    /** {@return whether this entry's position is known} */
    public boolean positioned() {
        return position != NO_POSITION;
    }
}
