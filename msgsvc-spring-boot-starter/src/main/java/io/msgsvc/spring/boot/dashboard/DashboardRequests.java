package io.msgsvc.spring.boot.dashboard;

import io.msgsvc.api.ReservationId;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;

/** Who asks and for which customer, read the same way by the dashboard's reading and changing endpoints. */
final class DashboardRequests {
    static final String CUSTOMER = "customerId";
    /** The engine's longest customer id. */
    static final int MAX_CUSTOMER_ID_LENGTH = 128;

    private DashboardRequests() {}

    static DashboardViewer viewer(DashboardAccess access, HttpServletRequest request) {
        return access.viewer(request)
                .orElseThrow(() -> new DashboardRequestException(
                        HttpStatus.UNAUTHORIZED, null, "the dashboard needs an authenticated user"));
    }

    /**
     * The customer a request is about: a customer's own (naming another is refused), or the one an operator names;
     * null when an operator names none where that means every customer.
     */
    static String customer(DashboardViewer viewer, QueryParameters query, boolean operatorMustName) {
        String asked = query.text(CUSTOMER);
        if (asked != null) {
            requireCustomerId(asked);
        }
        if (!viewer.operator()) {
            if (asked != null && !viewer.sees(asked)) {
                throw new DashboardRequestException(
                        HttpStatus.FORBIDDEN, CUSTOMER, CUSTOMER + ": you may see only your own reservations");
            }
            return viewer.customerId();
        }
        if (asked == null && operatorMustName) {
            throw DashboardRequestException.badParameter(CUSTOMER, "an operator names the customer to show");
        }
        return asked;
    }

    /**
     * As the engine takes a customer id, checked here too for the stream, which does not ask the engine: one the
     * engine would refuse would otherwise be an empty stream.
     */
    private static void requireCustomerId(String asked) {
        if (!asked.strip().equals(asked)) {
            throw DashboardRequestException.badParameter(CUSTOMER, "must not start or end with white space");
        }
        if (asked.length() > MAX_CUSTOMER_ID_LENGTH) {
            throw DashboardRequestException.badParameter(
                    CUSTOMER, "must be at most " + MAX_CUSTOMER_ID_LENGTH + " characters long");
        }
        // a lone surrogate is a code point of its own, in the surrogate range
        if (asked.codePoints()
                .anyMatch(c -> c == 0 || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE))) {
            throw DashboardRequestException.badParameter(CUSTOMER, "must not contain NUL or a lone surrogate");
        }
    }

    static ReservationId reservationId(String id) {
        try {
            return ReservationId.parse(id);
        } catch (RuntimeException e) {
            throw DashboardRequestException.badParameter("id", "is not a reservation id: " + id);
        }
    }
}
