package io.msgsvc.spi;

import io.msgsvc.api.CampaignRules;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.SendingSpeed;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated reservation ready to store.
 *
 * @param id                 its new id
 * @param customerId         its customer
 * @param subject            its subject, or null
 * @param text               the message
 * @param recipients         in sending order, as the recipient policy left them; unmodifiable
 * @param sendAt             when it is due: the time asked, or now
 * @param createdAt          when it was registered
 * @param idempotencyKey     the customer's key for the request, or null
 * @param sendingSpeed       its own speed limit, or null
 * @param requestFingerprint digest of the request as the customer sent it, to tell a retry from a key reused for
 *                           something else
 * @param traceContext       the trace it was registered in, to store with it; {@link TraceContext#NONE} if none
 * @param rules              the rules it is sent under; {@link CampaignRules#DEFAULT} if it states none
 * @param recipientVariables empty when its text is sent as written (no placeholder, no recipient with variables);
 *                           otherwise one map per recipient, in the order of {@code recipients}, each the values of
 *                           the text's placeholders for that recipient (empty for one without), to store with its
 *                           delivery; unmodifiable
 */
public record NewReservation(
        ReservationId id,
        String customerId,
        String subject,
        String text,
        List<String> recipients,
        Instant sendAt,
        Instant createdAt,
        String idempotencyKey,
        String requestFingerprint,
        SendingSpeed sendingSpeed,
        TraceContext traceContext,
        CampaignRules rules,
        List<Map<String, String>> recipientVariables) {
    /**
     * @param id                 its new id
     * @param customerId         its customer
     * @param subject            its subject, or null
     * @param text               the message
     * @param recipients         in sending order, not null; copied
     * @param sendAt             when it is due
     * @param createdAt          when it was registered
     * @param idempotencyKey     the customer's key for the request, or null
     * @param requestFingerprint digest of the request as the customer sent it
     * @param sendingSpeed       its own speed limit, or null
     * @param traceContext       the trace it was registered in; null is taken as {@link TraceContext#NONE}
     * @param rules              the rules it is sent under; null is taken as {@link CampaignRules#DEFAULT}
     * @param recipientVariables empty or null when its text is sent as written, otherwise one map per recipient;
     *                           copied
     * @throws NullPointerException     if {@code recipients} is null or holds null, or a map of variables is null
     * @throws IllegalArgumentException if there are variables, but not one map per recipient
     */
    public NewReservation {
        recipients = List.copyOf(recipients);
        traceContext = traceContext == null ? TraceContext.NONE : traceContext;
        rules = rules == null ? CampaignRules.DEFAULT : rules;
        recipientVariables = recipientVariables == null
                ? List.of()
                : recipientVariables.stream().map(NewReservation::copyInOrder).toList();
        if (!recipientVariables.isEmpty() && recipientVariables.size() != recipients.size()) {
            throw new IllegalArgumentException("recipientVariables has " + recipientVariables.size() + " entries for "
                    + recipients.size() + " recipients");
        }
    }

    private static Map<String, String> copyInOrder(Map<String, String> variables) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    /**
     * One whose text is sent as written.
     *
     * @param id                 its new id
     * @param customerId         its customer
     * @param subject            its subject, or null
     * @param text               the message
     * @param recipients         in sending order, not null; copied
     * @param sendAt             when it is due
     * @param createdAt          when it was registered
     * @param idempotencyKey     the customer's key for the request, or null
     * @param requestFingerprint digest of the request as the customer sent it
     * @param sendingSpeed       its own speed limit, or null
     * @param traceContext       the trace it was registered in; null is taken as {@link TraceContext#NONE}
     * @param rules              the rules it is sent under; null is taken as {@link CampaignRules#DEFAULT}
     */
    public NewReservation(
            ReservationId id,
            String customerId,
            String subject,
            String text,
            List<String> recipients,
            Instant sendAt,
            Instant createdAt,
            String idempotencyKey,
            String requestFingerprint,
            SendingSpeed sendingSpeed,
            TraceContext traceContext,
            CampaignRules rules) {
        this(
                id,
                customerId,
                subject,
                text,
                recipients,
                sendAt,
                createdAt,
                idempotencyKey,
                requestFingerprint,
                sendingSpeed,
                traceContext,
                rules,
                List.of());
    }

    /**
     * One under the default rules.
     *
     * @param id                 its new id
     * @param customerId         its customer
     * @param subject            its subject, or null
     * @param text               the message
     * @param recipients         in sending order, not null; copied
     * @param sendAt             when it is due
     * @param createdAt          when it was registered
     * @param idempotencyKey     the customer's key for the request, or null
     * @param requestFingerprint digest of the request as the customer sent it
     * @param sendingSpeed       its own speed limit, or null
     * @param traceContext       the trace it was registered in; null is taken as {@link TraceContext#NONE}
     */
    public NewReservation(
            ReservationId id,
            String customerId,
            String subject,
            String text,
            List<String> recipients,
            Instant sendAt,
            Instant createdAt,
            String idempotencyKey,
            String requestFingerprint,
            SendingSpeed sendingSpeed,
            TraceContext traceContext) {
        this(
                id,
                customerId,
                subject,
                text,
                recipients,
                sendAt,
                createdAt,
                idempotencyKey,
                requestFingerprint,
                sendingSpeed,
                traceContext,
                CampaignRules.DEFAULT);
    }

    /**
     * One registered outside any trace.
     *
     * @param id                 its new id
     * @param customerId         its customer
     * @param subject            its subject, or null
     * @param text               the message
     * @param recipients         in sending order, not null; copied
     * @param sendAt             when it is due
     * @param createdAt          when it was registered
     * @param idempotencyKey     the customer's key for the request, or null
     * @param requestFingerprint digest of the request as the customer sent it
     * @param sendingSpeed       its own speed limit, or null
     */
    public NewReservation(
            ReservationId id,
            String customerId,
            String subject,
            String text,
            List<String> recipients,
            Instant sendAt,
            Instant createdAt,
            String idempotencyKey,
            String requestFingerprint,
            SendingSpeed sendingSpeed) {
        this(
                id,
                customerId,
                subject,
                text,
                recipients,
                sendAt,
                createdAt,
                idempotencyKey,
                requestFingerprint,
                sendingSpeed,
                TraceContext.NONE,
                CampaignRules.DEFAULT);
    }

    /**
     * One with no sending speed of its own, registered outside any trace.
     *
     * @param id                 its new id
     * @param customerId         its customer
     * @param subject            its subject, or null
     * @param text               the message
     * @param recipients         in sending order, not null; copied
     * @param sendAt             when it is due
     * @param createdAt          when it was registered
     * @param idempotencyKey     the customer's key for the request, or null
     * @param requestFingerprint digest of the request as the customer sent it
     */
    public NewReservation(
            ReservationId id,
            String customerId,
            String subject,
            String text,
            List<String> recipients,
            Instant sendAt,
            Instant createdAt,
            String idempotencyKey,
            String requestFingerprint) {
        this(
                id,
                customerId,
                subject,
                text,
                recipients,
                sendAt,
                createdAt,
                idempotencyKey,
                requestFingerprint,
                null,
                TraceContext.NONE,
                CampaignRules.DEFAULT);
    }
}
