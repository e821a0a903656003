package io.msgsvc.api;

/**
 * Told of each event once per engine, after the effects it causes are stored. Runs on the projection thread:
 * keep it quick, and do not throw (a thrown exception is logged and ignored).
 */
@FunctionalInterface
public interface ReservationEventListener {
    /**
     * Takes one event.
     *
     * @param event the event, its effects stored
     */
    void onEvent(ReservationEvent event);
}
