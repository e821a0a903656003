package io.msgsvc;

import io.msgsvc.api.Delivery;
import io.msgsvc.api.ReservationId;
import io.msgsvc.spi.DispatchQueue;
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

    /** Takes the delivery {@link #peek} returned. */
    void advance() {
        from = page.get(index).sequence() + 1;
        index++;
    }
}
