package io.msgsvc;

import io.msgsvc.api.CampaignRules;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationEvent.ReservationRescheduled;
import io.msgsvc.api.ReservationEvent.ReservationResumed;
import io.msgsvc.api.ReservationEvent.Reserved;
import io.msgsvc.api.ReservationEvent.WaitingForWindow;
import io.msgsvc.spi.EventIds;
import io.msgsvc.spi.Written;
import java.time.Instant;

/**
 * Tells readers when a reservation is next sent as soon as its due time is set (registered, rescheduled, resumed):
 * when its delivery windows are closed at that time, the change's event is followed, in the same transaction, by a
 * {@link WaitingForWindow} naming their next opening. The dashboard then shows the opening from the start, not the
 * send time until the first claim puts the reservation off.
 */
final class WindowNotice {
    private final CampaignDefaults defaults;

    WindowNotice(CampaignDefaults defaults) {
        this.defaults = defaults;
    }

    /** {@code written} with the notice after it if it set a due time at which the windows of {@code rules} are shut. */
    <T> Written<T> told(Written<T> written, CampaignRules rules, Instant now) {
        for (ReservationEvent event : written.events()) {
            Instant due = dueAt(event);
            if (due == null) {
                continue;
            }
            Instant from = due.isAfter(now) ? due : now; // a past due time is claimed at once
            SendingHours hours = SendingHours.of(defaults, rules);
            Instant opens = hours.applies() && !hours.expired(from) ? hours.closedUntil(from) : null;
            return opens == null
                    ? written
                    : written.plus(Written.with(
                            null,
                            new WaitingForWindow(
                                    EventIds.next(), event.reservationId(), event.customerId(), now, opens)));
        }
        return written;
    }

    /** The due time an event sets, or null if it sets none. */
    private static Instant dueAt(ReservationEvent event) {
        if (event instanceof Reserved reserved) {
            return reserved.sendAt();
        }
        if (event instanceof ReservationRescheduled rescheduled) {
            return rescheduled.sendAt();
        }
        return event instanceof ReservationResumed resumed ? resumed.dueAt() : null;
    }
}
