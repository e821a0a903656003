package io.msgsvc.api;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A provider's delivery report (DLR) for one message, or one part of a message sent in parts. It names the delivery
 * by its {@link DeliveryId} (the idempotency key the channel was given) or by the reference the provider returned
 * on acceptance. The builder takes anything; {@code reportDelivery} validates and names the field at fault.
 *
 * @param deliveryId        the delivery, or null when named by {@code providerReference}
 * @param providerReference the provider's id for the message, or null when named by {@code deliveryId}
 * @param status            what the report says
 * @param providerCode      the provider's status or error code (may be null)
 * @param reason            the provider's words for it (may be null)
 * @param reportedAt        when the provider says it happened; null means when it is recorded
 * @param units             units the provider billed (may be null)
 * @param price             price the provider reported (may be null)
 * @param part              which part this report is about, 1 to {@code parts}
 * @param parts             how many parts the message was sent in (1 for a single message)
 * @param customerId        when not null, only this customer's deliveries are considered
 */
public record DeliveryReport(
        DeliveryId deliveryId,
        String providerReference,
        ReportStatus status,
        String providerCode,
        String reason,
        Instant reportedAt,
        Integer units,
        BigDecimal price,
        int part,
        int parts,
        String customerId) {

    public static Builder forDelivery(DeliveryId deliveryId) {
        return new Builder().deliveryId(deliveryId);
    }

    public static Builder forReference(String providerReference) {
        return new Builder().providerReference(providerReference);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same report, now naming the delivery it was found to be about. */
    public DeliveryReport about(DeliveryId delivery) {
        return new DeliveryReport(
                delivery,
                providerReference,
                status,
                providerCode,
                reason,
                reportedAt,
                units,
                price,
                part,
                parts,
                customerId);
    }

    /** Code and reason as one detail line for the delivery, e.g. {@code "DELIVRD (000): delivered"}. */
    public String detail() {
        StringBuilder detail = new StringBuilder(status.name());
        if (providerCode != null) {
            detail.append(" (").append(providerCode).append(')');
        }
        if (reason != null) {
            detail.append(": ").append(reason);
        }
        return detail.toString();
    }

    public static final class Builder {
        private DeliveryId deliveryId;
        private String providerReference;
        private ReportStatus status;
        private String providerCode;
        private String reason;
        private Instant reportedAt;
        private Integer units;
        private BigDecimal price;
        private int part = 1;
        private int parts = 1;
        private String customerId;

        private Builder() {}

        public Builder deliveryId(DeliveryId deliveryId) {
            this.deliveryId = deliveryId;
            return this;
        }

        public Builder providerReference(String providerReference) {
            this.providerReference = providerReference;
            return this;
        }

        public Builder status(ReportStatus status) {
            this.status = status;
            return this;
        }

        /** The provider's code and its words for it; either may be null. */
        public Builder providerCode(String code, String reason) {
            this.providerCode = code;
            this.reason = reason;
            return this;
        }

        public Builder reportedAt(Instant reportedAt) {
            this.reportedAt = reportedAt;
            return this;
        }

        public Builder unitsAndPrice(Integer units, BigDecimal price) {
            this.units = units;
            this.price = price;
            return this;
        }

        /** For a message sent in {@code parts} parts: this report is about part {@code part} (from 1). */
        public Builder part(int part, int parts) {
            this.part = part;
            this.parts = parts;
            return this;
        }

        /** Only this customer's deliveries are considered: another's reference is answered as unknown. */
        public Builder customerId(String customerId) {
            this.customerId = customerId;
            return this;
        }

        public DeliveryReport build() {
            return new DeliveryReport(
                    deliveryId,
                    providerReference,
                    status,
                    providerCode,
                    reason,
                    reportedAt,
                    units,
                    price,
                    part,
                    parts,
                    customerId);
        }
    }
}
