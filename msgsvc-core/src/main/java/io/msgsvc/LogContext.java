package io.msgsvc;

import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.DeliveryReport;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * The SLF4J MDC keys the engine's log lines carry while it works on one reservation or delivery, so a host's log
 * pattern ({@code %X{msgsvc.reservationId}}) or JSON encoder ties them together. Each put hands back the value it
 * replaced and each restore puts that back, so a host's own MDC survives, and an engine thread keeps nothing after.
 */
final class LogContext {
    /** The reservation being sent, projected or reported on. */
    static final String RESERVATION_ID = "msgsvc.reservationId";
    /** The delivery being sent, projected or reported on: {@code <reservation id>/<sequence>}. */
    static final String DELIVERY_ID = "msgsvc.deliveryId";

    private LogContext() {}

    /** Puts {@code value} under {@code key}; returns the value it replaced (null if none), for {@link #restore}. */
    static String put(String key, String value) {
        String previous = MDC.get(key);
        MDC.put(key, value);
        return previous;
    }

    /** Puts back what {@link #put} replaced. */
    static void restore(String key, String previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }

    /** Stores reports with the delivery's ids in the MDC when the batch is one report that names its delivery. */
    static <T> T reporting(List<DeliveryReport> reports, Supplier<T> work) {
        if (reports.size() != 1 || reports.get(0).deliveryId() == null) {
            return work.get(); // several deliveries, or one known by its provider reference only
        }
        DeliveryId delivery = reports.get(0).deliveryId();
        String reservation = put(RESERVATION_ID, delivery.reservationId().toString());
        String outer = put(DELIVERY_ID, delivery.toString());
        try {
            return work.get();
        } finally {
            restore(DELIVERY_ID, outer);
            restore(RESERVATION_ID, reservation);
        }
    }
}
