package io.msgsvc;

import io.msgsvc.api.DashboardListener;
import io.msgsvc.api.DashboardView;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationEventListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The host's listeners. A listener that throws is logged and never disturbs the projections. */
final class Listeners {
    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    private final List<DashboardListener> dashboard = new CopyOnWriteArrayList<>();
    private final List<ReservationEventListener> events = new CopyOnWriteArrayList<>();

    Subscription add(DashboardListener listener) {
        dashboard.add(listener);
        return () -> dashboard.remove(listener);
    }

    Subscription add(ReservationEventListener listener) {
        events.add(listener);
        return () -> events.remove(listener);
    }

    /** False when nobody listens to events, so follow-up notifications need not even be built. */
    boolean hearEvents() {
        return !events.isEmpty();
    }

    void dashboardChanged(DashboardView view) {
        for (DashboardListener l : dashboard) {
            try {
                l.onChange(view);
            } catch (RuntimeException e) {
                log.warn("dashboard listener {} failed", l, e);
            }
        }
    }

    void event(ReservationEvent event) {
        for (ReservationEventListener l : events) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                log.warn("event listener {} failed on {}", l, event.type(), e);
            }
        }
    }
}
