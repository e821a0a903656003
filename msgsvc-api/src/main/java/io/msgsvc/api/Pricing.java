package io.msgsvc.api;

import java.math.BigDecimal;

/** Prices one successful delivery. Must be deterministic for the same input: a redelivered event is priced again. */
@FunctionalInterface
public interface Pricing {
    /**
     * Prices one delivery as its charge is stored, possibly on several threads at once. A call that throws holds
     * the charge back: the event is projected again later, and priced again.
     *
     * @param customerId the reservation's customer
     * @param deliveryId the delivery charged
     * @param recipient  its recipient
     * @return the amount to charge, not null
     */
    BigDecimal price(String customerId, DeliveryId deliveryId, String recipient);

    /**
     * One unit per successful delivery.
     *
     * @param perDelivery what each delivery costs, not null
     * @return a pricing that charges {@code perDelivery} for every delivery
     */
    static Pricing flat(BigDecimal perDelivery) {
        return (customer, delivery, recipient) -> perDelivery;
    }
}
