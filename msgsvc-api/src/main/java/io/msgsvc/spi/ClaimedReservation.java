package io.msgsvc.spi;

import io.msgsvc.api.CampaignRules;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.SendingSpeed;

/**
 * A reservation leased to one node for sending.
 *
 * @param id              the reservation
 * @param customerId      its customer
 * @param subject         its subject, or null
 * @param text            the message
 * @param recipientCount  how many recipients it has
 * @param started         dispatch had begun before (this is a resumption)
 * @param cancelRequested the customer asked to cancel while it was leased
 * @param sendingSpeed    its own speed limit, or null
 * @param issuedThrough   the highest sequence an earlier sender may have handed to the channel (-1: none); its
 *                        deliveries without a result may have reached their recipients
 * @param traceContext    the trace it was registered in, stored with it; {@link TraceContext#NONE} if none
 * @param rules           the rules it is sent under; {@link CampaignRules#DEFAULT} if it states none
 */
public record ClaimedReservation(
        ReservationId id,
        String customerId,
        String subject,
        String text,
        int recipientCount,
        boolean started,
        boolean cancelRequested,
        int issuedThrough,
        SendingSpeed sendingSpeed,
        TraceContext traceContext,
        CampaignRules rules) {

    /**
     * @param id              the reservation
     * @param customerId      its customer
     * @param subject         its subject, or null
     * @param text            the message
     * @param recipientCount  how many recipients it has
     * @param started         dispatch had begun before (this is a resumption)
     * @param cancelRequested the customer asked to cancel while it was leased
     * @param issuedThrough   the highest sequence an earlier sender may have handed to the channel (-1: none)
     * @param sendingSpeed    its own speed limit, or null
     * @param traceContext    the trace it was registered in; null is taken as {@link TraceContext#NONE}
     * @param rules           the rules it is sent under; null is taken as {@link CampaignRules#DEFAULT}
     */
    public ClaimedReservation {
        traceContext = traceContext == null ? TraceContext.NONE : traceContext;
        rules = rules == null ? CampaignRules.DEFAULT : rules;
    }

    /**
     * One under the default rules.
     *
     * @param id              the reservation
     * @param customerId      its customer
     * @param subject         its subject, or null
     * @param text            the message
     * @param recipientCount  how many recipients it has
     * @param started         dispatch had begun before
     * @param cancelRequested the customer asked to cancel while it was leased
     * @param issuedThrough   the highest sequence an earlier sender may have handed to the channel (-1: none)
     * @param sendingSpeed    its own speed limit, or null
     * @param traceContext    the trace it was registered in; null is taken as {@link TraceContext#NONE}
     */
    public ClaimedReservation(
            ReservationId id,
            String customerId,
            String subject,
            String text,
            int recipientCount,
            boolean started,
            boolean cancelRequested,
            int issuedThrough,
            SendingSpeed sendingSpeed,
            TraceContext traceContext) {
        this(
                id,
                customerId,
                subject,
                text,
                recipientCount,
                started,
                cancelRequested,
                issuedThrough,
                sendingSpeed,
                traceContext,
                CampaignRules.DEFAULT);
    }

    /**
     * One registered outside any trace.
     *
     * @param id              the reservation
     * @param customerId      its customer
     * @param subject         its subject, or null
     * @param text            the message
     * @param recipientCount  how many recipients it has
     * @param started         dispatch had begun before (this is a resumption)
     * @param cancelRequested the customer asked to cancel while it was leased
     * @param issuedThrough   the highest sequence an earlier sender may have handed to the channel (-1: none)
     * @param sendingSpeed    its own speed limit, or null
     */
    public ClaimedReservation(
            ReservationId id,
            String customerId,
            String subject,
            String text,
            int recipientCount,
            boolean started,
            boolean cancelRequested,
            int issuedThrough,
            SendingSpeed sendingSpeed) {
        this(
                id,
                customerId,
                subject,
                text,
                recipientCount,
                started,
                cancelRequested,
                issuedThrough,
                sendingSpeed,
                TraceContext.NONE);
    }

    /**
     * One with no sending speed of its own, registered outside any trace.
     *
     * @param id              the reservation
     * @param customerId      its customer
     * @param subject         its subject, or null
     * @param text            the message
     * @param recipientCount  how many recipients it has
     * @param started         dispatch had begun before
     * @param cancelRequested the customer asked to cancel while it was leased
     * @param issuedThrough   the highest sequence an earlier sender may have handed to the channel (-1: none)
     */
    public ClaimedReservation(
            ReservationId id,
            String customerId,
            String subject,
            String text,
            int recipientCount,
            boolean started,
            boolean cancelRequested,
            int issuedThrough) {
        this(id, customerId, subject, text, recipientCount, started, cancelRequested, issuedThrough, null, null);
    }
}
