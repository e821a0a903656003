package io.msgsvc.smpp;

import io.msgsvc.api.SendOutcome;
import java.time.Duration;
import java.util.Map;
import org.jsmpp.SMPPConstant;

/**
 * What a {@code submit_sm_resp} command status means for the delivery (the table in the module's README). The
 * SMSC asking to slow down holds the whole channel; a status naming the message or its addresses as wrong will not
 * change on a retry; anything else, including a status this table does not know, may pass on a retry. A full message
 * queue ({@code ESME_RMSGQFUL}) is transient, not a throttle: many SMSCs mean one subscriber's queue by it, and a
 * throttle uses no attempt, so a handset off for days would hold the channel without end.
 */
final class SubmitStatuses {
    private static final Map<Integer, String> PERMANENT = Map.ofEntries(
            Map.entry(SMPPConstant.STAT_ESME_RINVMSGLEN, "ESME_RINVMSGLEN: invalid message length"),
            Map.entry(SMPPConstant.STAT_ESME_RINVPRTFLG, "ESME_RINVPRTFLG: invalid priority flag"),
            Map.entry(SMPPConstant.STAT_ESME_RINVREGDLVFLG, "ESME_RINVREGDLVFLG: invalid registered delivery flag"),
            Map.entry(SMPPConstant.STAT_ESME_RINVSRCADR, "ESME_RINVSRCADR: invalid source address"),
            Map.entry(SMPPConstant.STAT_ESME_RINVDSTADR, "ESME_RINVDSTADR: invalid destination address"),
            Map.entry(SMPPConstant.STAT_ESME_RINVSERTYP, "ESME_RINVSERTYP: invalid service type"),
            Map.entry(SMPPConstant.STAT_ESME_RINVESMCLASS, "ESME_RINVESMCLASS: invalid esm_class"),
            Map.entry(SMPPConstant.STAT_ESME_RINVSRCTON, "ESME_RINVSRCTON: invalid source address TON"),
            Map.entry(SMPPConstant.STAT_ESME_RINVSRCNPI, "ESME_RINVSRCNPI: invalid source address NPI"),
            Map.entry(SMPPConstant.STAT_ESME_RINVDSTTON, "ESME_RINVDSTTON: invalid destination address TON"),
            Map.entry(SMPPConstant.STAT_ESME_RINVDSTNPI, "ESME_RINVDSTNPI: invalid destination address NPI"),
            Map.entry(SMPPConstant.STAT_ESME_RINVSCHED, "ESME_RINVSCHED: invalid scheduled delivery time"),
            Map.entry(SMPPConstant.STAT_ESME_RINVEXPIRY, "ESME_RINVEXPIRY: invalid validity period"),
            Map.entry(SMPPConstant.STAT_ESME_RX_P_APPN, "ESME_RX_P_APPN: rejected by the SMSC, permanently"),
            Map.entry(SMPPConstant.STAT_ESME_RINVTLVSTREAM, "ESME_RINVTLVSTREAM: invalid optional parameters"),
            Map.entry(SMPPConstant.STAT_ESME_RTLVNOTALLWD, "ESME_RTLVNOTALLWD: optional parameter not allowed"),
            Map.entry(SMPPConstant.STAT_ESME_RINVTLVLEN, "ESME_RINVTLVLEN: invalid optional parameter length"),
            Map.entry(SMPPConstant.STAT_ESME_RMISSINGTLV, "ESME_RMISSINGTLV: missing optional parameter"),
            Map.entry(SMPPConstant.STAT_ESME_RINVTLVVAL, "ESME_RINVTLVVAL: invalid optional parameter value"),
            Map.entry(SMPPConstant.STAT_ESME_RPROHIBITED, "ESME_RPROHIBITED: the SMSC prohibits this message"),
            Map.entry(SMPPConstant.STAT_ESME_RINVDCS, "ESME_RINVDCS: invalid data coding"));

    private SubmitStatuses() {}

    /** The outcome of an answered {@code submit_sm} with this command status. */
    static SendOutcome outcome(int commandStatus, String messageId, Duration throttledFor) {
        if (commandStatus == SMPPConstant.STAT_ESME_ROK) {
            return SendOutcome.accepted(messageId);
        }
        if (commandStatus == SMPPConstant.STAT_ESME_RTHROTTLED) {
            return SendOutcome.channelThrottled(throttledFor);
        }
        String permanent = PERMANENT.get(commandStatus);
        if (permanent != null) {
            return SendOutcome.permanentFailure(permanent + " (" + hex(commandStatus) + ")");
        }
        return SendOutcome.transientFailure("submit_sm refused with command status " + hex(commandStatus));
    }

    static String hex(int commandStatus) {
        return String.format("0x%08X", commandStatus);
    }
}
