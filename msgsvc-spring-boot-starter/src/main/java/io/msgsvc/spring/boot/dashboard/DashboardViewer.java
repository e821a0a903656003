package io.msgsvc.spring.boot.dashboard;

import java.util.Objects;

/**
 * Who is looking at the dashboard: a customer, who sees only its own reservations, or an operator, who sees every
 * customer's.
 *
 * @param name the principal's name, as the page shows it
 * @param customerId the customer whose data the viewer sees; null for an operator
 */
public record DashboardViewer(String name, String customerId) {

    /**
     * Checks that a customer viewer names its customer.
     *
     * @param name       the principal's name, not null
     * @param customerId the customer, not blank; null for an operator
     */
    public DashboardViewer {
        Objects.requireNonNull(name, "name");
        if (customerId != null && customerId.isBlank()) {
            throw new IllegalArgumentException("customerId must not be blank");
        }
    }

    /**
     * A viewer who sees one customer's data.
     *
     * @param name the principal's name
     * @param customerId the customer it sees
     * @return the viewer
     */
    public static DashboardViewer customer(String name, String customerId) {
        return new DashboardViewer(name, Objects.requireNonNull(customerId, "customerId"));
    }

    /**
     * A viewer who sees every customer's data.
     *
     * @param name the principal's name
     * @return the viewer
     */
    public static DashboardViewer operator(String name) {
        return new DashboardViewer(name, null);
    }

    /**
     * Whether this viewer sees every customer.
     *
     * @return true for an operator
     */
    public boolean operator() {
        return customerId == null;
    }

    /**
     * Whether this viewer may see the data of a customer.
     *
     * @param customer the customer asked about
     * @return true when the viewer is an operator or is that customer
     */
    public boolean sees(String customer) {
        return operator() || customerId.equals(customer);
    }
}
