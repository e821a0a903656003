package io.msgsvc.spi;

import io.msgsvc.api.ReservationEvent;
import java.util.List;

/** Events waiting, in the order written, to be relayed to the projections. */
public interface Outbox {

    /** Adds events written in this transaction; they become visible to {@link #poll} when it commits. */
    void append(StorageTx tx, List<ReservationEvent> events);

    /**
     * Takes the oldest unpublished entries, in order, for a while: a relay on another node takes other entries, and
     * none while an earlier event of the same reservation is out with another relay.
     */
    List<OutboxEntry> poll(StorageTx tx, int limit);

    /** Marks entries as handed over to the transport. */
    void markPublished(StorageTx tx, List<OutboxEntry> entries);
}
