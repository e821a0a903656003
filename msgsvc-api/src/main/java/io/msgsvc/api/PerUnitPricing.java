package io.msgsvc.api;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

/** A price per unit of each message type (see {@link Pricing#perUnit(Map)}). */
final class PerUnitPricing implements Pricing {
    private final Map<MessageType, BigDecimal> perUnit;

    PerUnitPricing(Map<MessageType, BigDecimal> perUnit) {
        Map<MessageType, BigDecimal> table = new EnumMap<>(MessageType.class);
        for (MessageType type : MessageType.values()) {
            BigDecimal price = perUnit.get(type);
            if (price == null) {
                throw new IllegalArgumentException("perUnit has no price for " + type);
            }
            table.put(type, price);
        }
        this.perUnit = table; // a copy: the caller's map may change later, the prices may not
    }

    @Override
    public BigDecimal price(String customerId, DeliveryId deliveryId, String recipient) {
        return perUnit.get(MessageType.SMS);
    }

    @Override
    public BigDecimal price(String customerId, DeliveryId deliveryId, String recipient, MessageType type, int units) {
        return perUnit.get(type).multiply(BigDecimal.valueOf(units));
    }

    @Override
    public String toString() {
        return "perUnit" + perUnit;
    }
}
