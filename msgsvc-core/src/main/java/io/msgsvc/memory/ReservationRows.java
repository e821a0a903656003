package io.msgsvc.memory;

import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.ReservationId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The reservations in memory, with their indexes; shared by the registrations, the dispatch queue and the status. */
final class ReservationRows {
    private static final Comparator<ReservationRow> BY_DUE =
            Comparator.comparing((ReservationRow r) -> r.dueAt).thenComparing(r -> r.id.value());

    private final Map<ReservationId, ReservationRow> byId = new HashMap<>();
    private final Map<String, List<ReservationRow>> byCustomer = new HashMap<>();
    private final Map<String, ReservationRow> byIdempotencyKey = new HashMap<>();
    /** Submitted deliveries by the provider's reference, for reports that name them so. */
    private final Map<String, DeliveryId> byReference = new HashMap<>();
    /** Open reservations by due time; leased ones stay in it and are skipped while their lease lives. */
    private final TreeSet<ReservationRow> queue = new TreeSet<>(BY_DUE);

    ReservationRow get(ReservationId id) {
        return byId.get(id);
    }

    ReservationRow byIdempotencyKey(String customerId, String key) {
        return byIdempotencyKey.get(keyIndex(customerId, key));
    }

    List<ReservationRow> ofCustomer(String customerId) {
        return byCustomer.getOrDefault(customerId, List.of());
    }

    DeliveryId byReference(String reference) {
        return byReference.get(reference);
    }

    void indexReference(InMemoryTx tx, String reference, DeliveryId delivery) {
        if (reference != null && byReference.putIfAbsent(reference, delivery) == null) {
            tx.onRollback(() -> byReference.remove(reference));
        }
    }

    /** Every reservation; for the rare sweeps over all of them. */
    Iterable<ReservationRow> all() {
        return byId.values();
    }

    /** Open reservations, earliest due first. */
    Iterable<ReservationRow> queued() {
        return queue;
    }

    void add(InMemoryTx tx, ReservationRow row) {
        byId.put(row.id, row);
        List<ReservationRow> ofCustomer = byCustomer.computeIfAbsent(row.customerId, c -> new ArrayList<>());
        ofCustomer.add(row);
        if (row.idempotencyKey != null) {
            byIdempotencyKey.put(keyIndex(row.customerId, row.idempotencyKey), row);
        }
        queue.add(row);
        tx.onRollback(() -> {
            queue.remove(row);
            if (row.idempotencyKey != null) {
                byIdempotencyKey.remove(keyIndex(row.customerId, row.idempotencyKey));
            }
            ofCustomer.remove(ofCustomer.size() - 1);
            byId.remove(row.id);
        });
    }

    /** Changes a row's due time; the row must have been marked {@linkplain ReservationRow#changing changing}. */
    void moveDueAt(ReservationRow row, Instant dueAt) {
        boolean queued = queue.remove(row);
        row.dueAt = dueAt;
        if (queued) {
            queue.add(row);
        }
    }

    /** Takes a row out of the queue, as it closes. */
    void unqueue(ReservationRow row) {
        queue.remove(row);
    }

    void queue(ReservationRow row) {
        queue.add(row);
    }

    private static String keyIndex(String customerId, String key) {
        return customerId + '\u0000' + key;
    }
}
