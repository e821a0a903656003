package io.msgsvc.smpp;

import io.msgsvc.api.DeliveryReport;
import io.msgsvc.api.ReportOutcome;
import java.util.List;

/**
 * Where the channel hands the delivery receipts it hears, several at once when they come together:
 * {@code msgsvc::reportDeliveries}. Each receipt is acknowledged ({@code deliver_sm_resp}) only when this returned;
 * if it throws, the SMSC is asked to send those receipts again later.
 */
@FunctionalInterface
public interface ReceiptSink {
    /**
     * Hands over receipts that arrived together.
     *
     * @param reports the receipts, as delivery reports
     * @return one outcome per report, in order; the whole list is refused (and none stored) if one report is invalid
     */
    List<ReportOutcome> report(List<DeliveryReport> reports);
}
