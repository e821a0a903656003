package io.msgsvc.memory;

import io.msgsvc.api.ReservationEvent;
import io.msgsvc.spi.Outbox;
import io.msgsvc.spi.OutboxBacklog;
import io.msgsvc.spi.OutboxEntry;
import io.msgsvc.spi.StorageTx;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Events waiting for the relay, in memory, in the order written. */
final class InMemoryOutbox implements Outbox {
    private final InMemoryStorage storage;
    private final TreeMap<Long, OutboxEntry> entries = new TreeMap<>();
    private long nextPosition = 1;

    InMemoryOutbox(InMemoryStorage storage) {
        this.storage = storage;
    }

    @Override
    public void append(StorageTx tx, List<ReservationEvent> events) {
        InMemoryTx memory = InMemoryTx.of(tx, storage);
        for (ReservationEvent event : events) {
            long position = nextPosition++;
            entries.put(position, new OutboxEntry(position, event));
            memory.onRollback(() -> entries.remove(position));
        }
    }

    /**
     * Hands out the oldest entries, in order, without claiming them: engines sharing one in-memory storage may relay
     * the same entries, and the projections' deduplication absorbs the repeat.
     */
    @Override
    public List<OutboxEntry> poll(StorageTx tx, int limit) {
        InMemoryTx.of(tx, storage);
        List<OutboxEntry> batch = new ArrayList<>(Math.min(limit, entries.size()));
        for (OutboxEntry entry : entries.values()) {
            if (batch.size() >= limit) {
                break;
            }
            batch.add(entry);
        }
        return batch;
    }

    @Override
    public void markPublished(StorageTx tx, List<OutboxEntry> published) {
        InMemoryTx memory = InMemoryTx.of(tx, storage);
        for (OutboxEntry entry : published) {
            if (entries.remove(entry.position()) != null) {
                memory.onRollback(() -> entries.put(entry.position(), entry));
            }
        }
    }

    @Override
    public OutboxBacklog backlog(int limit) {
        return storage.read(() -> entries.isEmpty()
                ? OutboxBacklog.EMPTY
                : new OutboxBacklog(
                        Math.min(limit, entries.size()),
                        entries.firstEntry().getValue().event().occurredAt()));
    }
}
