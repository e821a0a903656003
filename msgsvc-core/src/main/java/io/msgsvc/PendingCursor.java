package io.msgsvc;

import io.msgsvc.api.Delivery;
import io.msgsvc.api.ReservationId;
import io.msgsvc.spi.DispatchQueue;
import java.util.ArrayList;
import java.util.List;

/** A reservation's pending deliveries up to a sequence, in list order, read from the store a page at a time. */
final class PendingCursor {
    private final DispatchQueue queue;
    private final ReservationId id;
    private final int pageSize;
    private final int through;

    private List<Delivery> page = List.of();
    private int index;
    /** The first sequence the next page starts at. */
    private int from;

    private boolean exhausted;

    PendingCursor(DispatchQueue queue, ReservationId id, int pageSize, int through) {
        this.queue = queue;
        this.id = id;
        this.pageSize = pageSize;
        this.through = through;
    }

    /** The next pending delivery, not yet taken; null when none is left up to {@code through}. */
    Delivery peek() {
        if (exhausted) {
            return null;
        }
        if (index == page.size()) {
            page = queue.pendingDeliveries(id, from, pageSize);
            index = 0;
            if (page.isEmpty()) {
                exhausted = true;
                return null;
            }
        }
        Delivery next = page.get(index);
        if (next.sequence() > through) {
            exhausted = true;
            return null;
        }
        return next;
    }

    /** Up to {@code max} deliveries from the one {@link #peek} returned on, within the page read (never empty). */
    List<Delivery> upcoming(int max) {
        List<Delivery> rest = new ArrayList<>(Math.min(max, page.size() - index));
        for (int i = index; i < page.size() && rest.size() < max && page.get(i).sequence() <= through; i++) {
            rest.add(page.get(i));
        }
        return rest;
    }

    /** Takes the delivery {@link #peek} returned. */
    void advance() {
        from = page.get(index).sequence() + 1;
        index++;
    }
}
