package io.msgsvc.api;

import java.math.BigDecimal;

/** Prices one successful delivery. Must be deterministic for the same input: a redelivered event is priced again. */
@FunctionalInterface
public interface Pricing {
    BigDecimal price(String customerId, DeliveryId deliveryId, String recipient);

    /** One unit per successful delivery. */
    static Pricing flat(BigDecimal perDelivery) {
        return (customer, delivery, recipient) -> perDelivery;
    }
}
