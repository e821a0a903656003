package io.msgsvc.spi;

/** Whether a projection store must guard against applying an event twice. */
public enum Deduplication {
    /**
     * The events may have been applied before (a relay or a broker delivers at least once): each is applied only if
     * not applied before, by a record of its id kept with the effect or by the effect's own unique key.
     */
    REQUIRED,
    /**
     * The events were written in this very transaction, with the change they report, or they lie above the position
     * this consumer applied of their reservation and no record says they were applied ({@link AppliedPositions}):
     * new by construction, so nothing needs recording or looking up.
     */
    NOT_NEEDED
}
