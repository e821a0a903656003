package io.msgsvc.smpp;

import io.msgsvc.api.DeliveryReport;
import io.msgsvc.api.InvalidRequestException;
import io.msgsvc.api.ReportStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.util.InvalidDeliveryReceiptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears {@code deliver_sm} on the bound sessions and hands each delivery receipt to the sink. jSMPP answers the
 * {@code deliver_sm} when this returns, so a receipt is acknowledged only after the sink stored it; a sink that
 * fails gets the SMSC to send it again later ({@code ESME_RX_T_APPN}); a receipt no one can read is refused for
 * good ({@code ESME_RX_P_APPN}) and logged whole.
 */
final class ReceiptListener implements MessageReceiverListener {
    private static final Logger log = LoggerFactory.getLogger(ReceiptListener.class);

    private final ZoneId receiptZone;
    private volatile ReceiptBatcher batcher;
    private final AtomicLong unreadable = new AtomicLong();

    ReceiptListener(ZoneId receiptZone) {
        this.receiptZone = receiptZone;
    }

    void sendTo(ReceiptSink sink) {
        this.batcher = new ReceiptBatcher(sink);
    }

    long unreadableReceipts() {
        return unreadable.get();
    }

    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
        if (!deliverSm.isSmscDeliveryReceipt()) {
            // mobile-originated messages are not this channel's business: taken, so the SMSC does not repeat them
            log.debug("deliver_sm that is not a receipt, from {}: ignored", deliverSm.getSourceAddr());
            return;
        }
        ReceiptBatcher current = batcher;
        if (current == null) {
            throw new ProcessRequestException("no receipt sink yet", SMPPConstant.STAT_ESME_RX_T_APPN);
        }
        DeliveryReport report = read(deliverSm);
        try {
            current.store(report);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessRequestException("interrupted", SMPPConstant.STAT_ESME_RX_T_APPN);
        } catch (InvalidRequestException e) {
            unreadable.incrementAndGet();
            log.warn("receipt refused as invalid ({}): {}", e.getMessage(), text(deliverSm));
            throw new ProcessRequestException(e.getMessage(), SMPPConstant.STAT_ESME_RX_P_APPN);
        } catch (RuntimeException | Error e) {
            // jSMPP answers ROK unless this throws its exception: anything else would acknowledge an unstored receipt
            log.warn(
                    "receipt for {} not stored, the SMSC will send it again: {}",
                    report.providerReference(),
                    e.toString());
            throw new ProcessRequestException("not stored: " + e, SMPPConstant.STAT_ESME_RX_T_APPN);
        }
    }

    /** The receipt as a report: the TLVs when the SMSC sent them, else the appendix B text. */
    private DeliveryReport read(DeliverSm deliverSm) throws ProcessRequestException {
        String tlvId = tlvMessageId(deliverSm);
        ReportStatus tlvStatus = tlvStatus(deliverSm);
        DeliveryReceipt receipt = null;
        try {
            receipt = deliverSm.getShortMessageAsDeliveryReceipt();
        } catch (InvalidDeliveryReceiptException | RuntimeException e) {
            if (tlvId == null || tlvStatus == null) {
                unreadable.incrementAndGet();
                log.warn("unreadable receipt refused ({}): {}", e.getMessage(), text(deliverSm));
                throw new ProcessRequestException("unreadable receipt", SMPPConstant.STAT_ESME_RX_P_APPN);
            }
        }
        String id = tlvId != null ? tlvId : receipt.getId();
        ReportStatus status = tlvStatus != null ? tlvStatus : ReceiptStates.of(receipt.getFinalStatus());
        if (id == null || id.isBlank() || status == null) {
            unreadable.incrementAndGet();
            log.warn("receipt without message id or state refused: {}", text(deliverSm));
            throw new ProcessRequestException("receipt without id or state", SMPPConstant.STAT_ESME_RX_P_APPN);
        }
        DeliveryReport.Builder report = DeliveryReport.forReference(id.trim()).status(status);
        if (receipt != null) {
            // an empty err: field is no code (a blank code would get the report refused)
            String error = receipt.getError() == null || receipt.getError().isBlank()
                    ? null
                    : receipt.getError().trim();
            report.providerCode(
                            error,
                            receipt.getFinalStatus() == null
                                    ? null
                                    : receipt.getFinalStatus().name())
                    .reportedAt(inZone(receipt.getDoneDate()));
        }
        return report.build();
    }

    /** jSMPP reads {@code done date} in this JVM's zone; the SMSC wrote it in its own. */
    private Instant inZone(Date doneDate) {
        if (doneDate == null) {
            return null;
        }
        return doneDate.toInstant()
                .atZone(ZoneId.systemDefault())
                .toLocalDateTime()
                .atZone(receiptZone)
                .toInstant();
    }

    private static String tlvMessageId(DeliverSm deliverSm) {
        OptionalParameter id = deliverSm.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID);
        if (id instanceof OptionalParameter.OctetString) {
            String value = ((OptionalParameter.OctetString) id)
                    .getValueAsString()
                    .replace("\0", "")
                    .trim();
            return value.isEmpty() ? null : value;
        }
        return null;
    }

    private static ReportStatus tlvStatus(DeliverSm deliverSm) {
        OptionalParameter state = deliverSm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_STATE);
        return state instanceof OptionalParameter.Byte
                ? ReceiptStates.ofMessageState(((OptionalParameter.Byte) state).getValue())
                : null;
    }

    private static String text(DeliverSm deliverSm) {
        byte[] shortMessage = deliverSm.getShortMessage();
        return shortMessage == null ? "(no text)" : new String(shortMessage, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {}

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw new ProcessRequestException("data_sm is not taken by this ESME", SMPPConstant.STAT_ESME_RX_P_APPN);
    }
}
