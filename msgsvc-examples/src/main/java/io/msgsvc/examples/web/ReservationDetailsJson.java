package io.msgsvc.examples.web;

import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.ReportStatus;
import io.msgsvc.api.ReservationDetails;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A reservation with one delivery per recipient, in recipient order.
 *
 * @param expectedFinishAt while it is being sent, when its last recipient is expected to have a result at the rate
 *                         measured so far; else null
 * @param nextSendAt       while it waits for its send time or its delivery window, when its next send is due
 */
public record ReservationDetailsJson(
        ReservationJson reservation, List<DeliveryJson> deliveries, Instant expectedFinishAt, Instant nextSendAt) {

    static ReservationDetailsJson of(ReservationDetails details) {
        return new ReservationDetailsJson(
                ReservationJson.of(details.reservation()),
                details.deliveries().stream().map(DeliveryJson::of).toList(),
                details.expectedFinishAt(),
                details.nextSendAt());
    }

    /**
     * @param detail       the provider's reference when sent, the last error otherwise, the report's code and words
     *                     once reported
     * @param reportStatus the last delivery report's status (an intermediate one while the final is awaited)
     * @param variables    the values of the text's placeholders for this recipient; null when the text is sent as
     *                     written
     */
    public record DeliveryJson(
            int sequence,
            String recipient,
            DeliveryState state,
            int attempts,
            String detail,
            Instant completedAt,
            String providerReference,
            ReportStatus reportStatus,
            Instant reportedAt,
            Map<String, String> variables) {

        static DeliveryJson of(Delivery d) {
            return new DeliveryJson(
                    d.sequence(),
                    d.recipient(),
                    d.state(),
                    d.attempts(),
                    d.detail(),
                    d.completedAt(),
                    d.providerReference(),
                    d.reportStatus(),
                    d.reportedAt(),
                    d.variables());
        }
    }
}
