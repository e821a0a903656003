package io.msgsvc;

import io.msgsvc.api.Delivery;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.spi.Written;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first delivery (lowest sequence) of a dispatch pass that must go again later: its attempts so far, why, and
 * when; and putting the reservation off until then.
 */
final class Deferral {
    private static final Logger log = LoggerFactory.getLogger(Deferral.class);

    private Delivery delivery;
    private int attempts;
    private String reason;
    private Instant at;
    /** Written with the deferral, for readers to see why it waits (its delivery window), or null. */
    private ReservationEvent told;

    void note(Delivery delivery, int attempts, String reason, Instant at) {
        note(delivery, attempts, reason, at, null);
    }

    void note(Delivery delivery, int attempts, String reason, Instant at, ReservationEvent told) {
        if (this.delivery == null || delivery.sequence() < this.delivery.sequence()) {
            this.delivery = delivery;
            this.attempts = attempts;
            this.reason = reason;
            this.at = at;
            this.told = told;
        }
    }

    boolean noted() {
        return delivery != null;
    }

    void clear() {
        delivery = null;
    }

    /**
     * Puts the reservation off, its lease released, with the issue mark at {@code issued}: a failed call may still
     * have reached the channel (a timeout), so the mark keeps what was issued.
     */
    void store(ReservationDispatcher d, int issued) {
        String owner = d.config.nodeId();
        boolean deferred = told == null
                ? d.storage.inTransaction(
                        tx -> d.queue.deferDelivery(tx, delivery.id(), owner, attempts, reason, at, issued))
                : d.unitOfWork.write(tx -> d.queue.deferDelivery(tx, delivery.id(), owner, attempts, reason, at, issued)
                        ? Written.with(true, told)
                        : Written.quietly(false));
        if (!deferred) {
            log.warn(
                    "could not defer reservation {} (lease or delivery moved on); its lease runs out",
                    delivery.id().reservationId());
        }
        d.dueTimesChanged.run();
    }
}
