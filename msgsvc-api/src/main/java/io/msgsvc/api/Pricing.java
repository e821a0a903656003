package io.msgsvc.api;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Prices one successful delivery. Must be deterministic for the same input: a redelivered event is priced again.
 *
 * <p>A lambda prices by customer, delivery and recipient; the engine calls
 * {@link #price(String, DeliveryId, String, MessageType, int)}, which also sees the message type and billed units
 * and by default asks the lambda. {@link #perUnit(Map)} prices by type and units.
 */
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
     * Prices one delivery of a sized message; what the engine calls. The default ignores type and units and asks
     * {@link #price(String, DeliveryId, String)}.
     *
     * @param customerId the reservation's customer
     * @param deliveryId the delivery charged
     * @param recipient  its recipient
     * @param type       the message type it was sent as
     * @param units      the units it was billed as: 1, or its SMS segments when split
     * @return the amount to charge, not null
     */
    default BigDecimal price(String customerId, DeliveryId deliveryId, String recipient, MessageType type, int units) {
        return price(customerId, deliveryId, recipient);
    }

    /**
     * One unit per successful delivery.
     *
     * @param perDelivery what each delivery costs, not null
     * @return a pricing that charges {@code perDelivery} for every delivery
     */
    static Pricing flat(BigDecimal perDelivery) {
        return (customer, delivery, recipient) -> perDelivery;
    }

    /**
     * The same price per unit of every type: a message split into three SMS costs three units.
     *
     * @param perUnit what one unit costs, not null
     * @return the pricing
     */
    static Pricing perUnit(BigDecimal perUnit) {
        Objects.requireNonNull(perUnit, "perUnit");
        Map<MessageType, BigDecimal> table = new EnumMap<>(MessageType.class);
        for (MessageType type : MessageType.values()) {
            table.put(type, perUnit);
        }
        return perUnit(table);
    }

    /**
     * A price per unit of each message type, e.g. SMS 9, LMS 30: a delivery costs its type's price times its units.
     * A delivery not sized (priced through the three-argument method) costs one SMS unit.
     *
     * @param perUnit the price of one unit of each type; every {@link MessageType} needs one
     * @return the pricing
     * @throws IllegalArgumentException when a type has no price, naming it
     */
    static Pricing perUnit(Map<MessageType, BigDecimal> perUnit) {
        return new PerUnitPricing(perUnit);
    }
}
