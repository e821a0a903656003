package io.msgsvc.api;

import java.time.Instant;

/**
 * A stored reservation with its current status and counts.
 *
 * @param id             its identity
 * @param customerId     whose it is
 * @param subject        optional subject (null when absent)
 * @param text           the message every recipient gets
 * @param recipientCount how many recipients it has
 * @param sendAt         when sending begins (or began): the time asked, or the registration time
 * @param createdAt      when it was registered
 * @param idempotencyKey the customer's key for the request, or null
 * @param status         where it stands
 * @param statusReason   why it ended as it did (rejection reason, cancellation), or null
 * @param sent           recipients the channel accepted so far (including those whose report is awaited or came)
 * @param failed         recipients failed so far
 * @param cancelled      recipients not sent because of cancellation, rejection or expiry
 * @param awaiting       of the sent, those whose delivery report is still awaited
 * @param delivered      of the sent, those reported delivered
 * @param undelivered    of the sent, those reported not delivered, expired, or without a report in time
 * @param updatedAt      last status change
 * @param sendingSpeed   its own speed limit, or null
 * @param rules          the rules it is sent under
 */
public record Reservation(
        ReservationId id,
        String customerId,
        String subject,
        String text,
        int recipientCount,
        Instant sendAt,
        Instant createdAt,
        String idempotencyKey,
        ReservationStatus status,
        String statusReason,
        int sent,
        int failed,
        int cancelled,
        int awaiting,
        int delivered,
        int undelivered,
        Instant updatedAt,
        SendingSpeed sendingSpeed,
        CampaignRules rules) {

    /**
     * @param id             its identity
     * @param customerId     whose it is
     * @param subject        optional subject (null when absent)
     * @param text           the message every recipient gets
     * @param recipientCount how many recipients it has
     * @param sendAt         when sending begins (or began)
     * @param createdAt      when it was registered
     * @param idempotencyKey the customer's key for the request, or null
     * @param status         where it stands
     * @param statusReason   why it ended as it did, or null
     * @param sent           recipients the channel accepted so far
     * @param failed         recipients failed so far
     * @param cancelled      recipients not sent because of cancellation, rejection or expiry
     * @param awaiting       of the sent, those whose delivery report is still awaited
     * @param delivered      of the sent, those reported delivered
     * @param undelivered    of the sent, those reported not delivered, expired, or without a report in time
     * @param updatedAt      last status change
     * @param sendingSpeed   its own speed limit, or null
     * @param rules          the rules it is sent under; null is taken as {@link CampaignRules#DEFAULT}
     */
    public Reservation {
        rules = rules == null ? CampaignRules.DEFAULT : rules;
    }

    /**
     * One under the default rules.
     *
     * @param id             its identity
     * @param customerId     whose it is
     * @param subject        optional subject (null when absent)
     * @param text           the message every recipient gets
     * @param recipientCount how many recipients it has
     * @param sendAt         when sending begins (or began)
     * @param createdAt      when it was registered
     * @param idempotencyKey the customer's key for the request, or null
     * @param status         where it stands
     * @param statusReason   why it ended as it did, or null
     * @param sent           recipients the channel accepted so far
     * @param failed         recipients failed so far
     * @param cancelled      recipients not sent because of cancellation, rejection or expiry
     * @param awaiting       of the sent, those whose delivery report is still awaited
     * @param delivered      of the sent, those reported delivered
     * @param undelivered    of the sent, those reported not delivered, expired, or without a report in time
     * @param updatedAt      last status change
     * @param sendingSpeed   its own speed limit, or null
     */
    public Reservation(
            ReservationId id,
            String customerId,
            String subject,
            String text,
            int recipientCount,
            Instant sendAt,
            Instant createdAt,
            String idempotencyKey,
            ReservationStatus status,
            String statusReason,
            int sent,
            int failed,
            int cancelled,
            int awaiting,
            int delivered,
            int undelivered,
            Instant updatedAt,
            SendingSpeed sendingSpeed) {
        this(
                id,
                customerId,
                subject,
                text,
                recipientCount,
                sendAt,
                createdAt,
                idempotencyKey,
                status,
                statusReason,
                sent,
                failed,
                cancelled,
                awaiting,
                delivered,
                undelivered,
                updatedAt,
                sendingSpeed,
                CampaignRules.DEFAULT);
    }

    /**
     * One with no sending speed of its own.
     *
     * @param id             its identity
     * @param customerId     whose it is
     * @param subject        optional subject (null when absent)
     * @param text           the message every recipient gets
     * @param recipientCount how many recipients it has
     * @param sendAt         when sending begins (or began)
     * @param createdAt      when it was registered
     * @param idempotencyKey the customer's key for the request, or null
     * @param status         where it stands
     * @param statusReason   why it ended as it did, or null
     * @param sent           recipients the channel accepted so far
     * @param failed         recipients failed so far
     * @param cancelled      recipients not sent because of cancellation, rejection or expiry
     * @param awaiting       of the sent, those whose delivery report is still awaited
     * @param delivered      of the sent, those reported delivered
     * @param undelivered    of the sent, those reported not delivered, expired, or without a report in time
     * @param updatedAt      last status change
     */
    public Reservation(
            ReservationId id,
            String customerId,
            String subject,
            String text,
            int recipientCount,
            Instant sendAt,
            Instant createdAt,
            String idempotencyKey,
            ReservationStatus status,
            String statusReason,
            int sent,
            int failed,
            int cancelled,
            int awaiting,
            int delivered,
            int undelivered,
            Instant updatedAt) {
        this(
                id,
                customerId,
                subject,
                text,
                recipientCount,
                sendAt,
                createdAt,
                idempotencyKey,
                status,
                statusReason,
                sent,
                failed,
                cancelled,
                awaiting,
                delivered,
                undelivered,
                updatedAt,
                null,
                CampaignRules.DEFAULT);
    }

    /** @return recipients without a send result yet: neither sent, failed nor cancelled */
    public int pending() {
        return recipientCount - sent - failed - cancelled;
    }
}
