package io.msgsvc.smpp;

import io.msgsvc.api.DeliveryReport;
import io.msgsvc.api.ReportOutcome;

/**
 * Where the channel hands each delivery receipt it hears: {@code msgsvc::reportDelivery}. The receipt is
 * acknowledged ({@code deliver_sm_resp}) only when this returns; if it throws, the SMSC is asked to send the receipt
 * again later.
 */
@FunctionalInterface
public interface ReceiptSink {
    ReportOutcome report(DeliveryReport report);
}
