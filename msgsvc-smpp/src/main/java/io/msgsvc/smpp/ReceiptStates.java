package io.msgsvc.smpp;

import io.msgsvc.api.ReportStatus;
import org.jsmpp.util.DeliveryReceiptState;

/** The receipt states of SMPP 3.4 (the {@code stat:} word and the {@code message_state} TLV) as report statuses. */
final class ReceiptStates {
    private ReceiptStates() {}

    static ReportStatus of(DeliveryReceiptState stat) {
        if (stat == null) {
            return null;
        }
        switch (stat) {
            case DELIVRD:
                return ReportStatus.DELIVERED;
            case UNDELIV:
            case DELETED: // removed at the SMSC before delivery
                return ReportStatus.UNDELIVERED;
            case EXPIRED:
                return ReportStatus.EXPIRED;
            case REJECTD:
                return ReportStatus.REJECTED;
            case UNKNOWN:
                return ReportStatus.UNKNOWN;
            case ACCEPTD:
                return ReportStatus.ACCEPTED_BY_CARRIER;
            case ENROUTE:
                return ReportStatus.ENROUTE;
            default:
                return null;
        }
    }

    /** SMPP 3.4 section 5.2.28: 1 ENROUTE ... 8 REJECTED; anything else is not a state. */
    static ReportStatus ofMessageState(byte state) {
        switch (state) {
            case 1:
                return ReportStatus.ENROUTE;
            case 2:
                return ReportStatus.DELIVERED;
            case 3:
                return ReportStatus.EXPIRED;
            case 4:
            case 5:
                return ReportStatus.UNDELIVERED;
            case 6:
                return ReportStatus.ACCEPTED_BY_CARRIER;
            case 7:
                return ReportStatus.UNKNOWN;
            case 8:
                return ReportStatus.REJECTED;
            default:
                return null;
        }
    }
}
