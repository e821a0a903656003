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

    /**
     * @param deliveryId the delivery the report is about, as the channel got it in {@link OutboundMessage}
     * @return a builder for a report that names the delivery by its id
     */
    public static Builder forDelivery(DeliveryId deliveryId) {
        return new Builder().deliveryId(deliveryId);
    }

    /**
     * @param providerReference the provider's id for the message, as {@link SendOutcome.Accepted} gave it
     * @return a builder for a report that names the delivery by the provider's reference
     */
    public static Builder forReference(String providerReference) {
        return new Builder().providerReference(providerReference);
    }

    /** @return an empty builder; name the delivery with {@code deliveryId} or {@code providerReference} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The same report, now naming the delivery it was found to be about.
     *
     * @param delivery the delivery its reference led to
     * @return a copy with {@code deliveryId} set; this report is unchanged
     */
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

    /**
     * Code and reason as one detail line for the delivery, e.g. {@code "DELIVRD (000): delivered"}.
     *
     * @return the status's name, then the code and the reason where given
     */
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

    /**
     * Collects a report's fields; not thread-safe. A report is about a single message ({@code part(1, 1)}) unless
     * told otherwise; every other field is null until set.
     */
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

        /**
         * @param deliveryId the delivery, or null when it is named by its provider reference
         * @return this builder
         */
        public Builder deliveryId(DeliveryId deliveryId) {
            this.deliveryId = deliveryId;
            return this;
        }

        /**
         * @param providerReference the provider's id for the message, or null when the delivery is named by its id
         * @return this builder
         */
        public Builder providerReference(String providerReference) {
            this.providerReference = providerReference;
            return this;
        }

        /**
         * @param status what the report says: required
         * @return this builder
         */
        public Builder status(ReportStatus status) {
            this.status = status;
            return this;
        }

        /**
         * The provider's code and its words for it; either may be null.
         *
         * @param code   the provider's status or error code, e.g. {@code DELIVRD}
         * @param reason the provider's words for it
         * @return this builder
         */
        public Builder providerCode(String code, String reason) {
            this.providerCode = code;
            this.reason = reason;
            return this;
        }

        /**
         * @param reportedAt when the provider says it happened; null (the default) for when it is recorded
         * @return this builder
         */
        public Builder reportedAt(Instant reportedAt) {
            this.reportedAt = reportedAt;
            return this;
        }

        /**
         * What the provider billed for the message, kept on the event for the host; msgsvc's own billing uses
         * {@link Pricing}.
         *
         * @param units units the provider billed, not negative, or null
         * @param price price the provider reported, not negative, or null
         * @return this builder
         */
        public Builder unitsAndPrice(Integer units, BigDecimal price) {
            this.units = units;
            this.price = price;
            return this;
        }

        /**
         * For a message sent in {@code parts} parts: this report is about part {@code part} (from 1).
         *
         * @param part  which part, 1 to {@code parts}
         * @param parts how many parts the message was sent in
         * @return this builder
         */
        public Builder part(int part, int parts) {
            this.part = part;
            this.parts = parts;
            return this;
        }

        /**
         * Only this customer's deliveries are considered: another's reference is answered as unknown.
         *
         * @param customerId the customer the caller acts for, or null (the default) for any
         * @return this builder
         */
        public Builder customerId(String customerId) {
            this.customerId = customerId;
            return this;
        }

        /**
         * Makes the report as it stands; nothing is checked until {@code reportDelivery}.
         *
         * @return a new report
         */
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
