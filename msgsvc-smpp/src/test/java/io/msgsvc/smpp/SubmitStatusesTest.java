package io.msgsvc.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgsvc.api.ReportStatus;
import io.msgsvc.api.SendOutcome;
import java.time.Duration;
import org.jsmpp.SMPPConstant;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.Test;

class SubmitStatusesTest {
    private static final Duration HOLD = Duration.ofSeconds(2);

    @Test
    void anAcceptedSubmitCarriesTheMessageIdAsProviderReference() {
        assertThat(SubmitStatuses.outcome(SMPPConstant.STAT_ESME_ROK, "4F2A", HOLD))
                .isEqualTo(SendOutcome.accepted("4F2A"));
    }

    @Test
    void throttlingHoldsTheWholeChannelAndAFullQueueUsesAnAttempt() {
        assertThat(SubmitStatuses.outcome(SMPPConstant.STAT_ESME_RTHROTTLED, null, HOLD))
                .isEqualTo(SendOutcome.channelThrottled(HOLD));
        assertThat(SubmitStatuses.outcome(SMPPConstant.STAT_ESME_RMSGQFUL, null, HOLD))
                .as("often one subscriber's queue: a throttle would hold the channel for that handset without end")
                .isInstanceOf(SendOutcome.TransientFailure.class);
    }

    @Test
    void aWrongAddressIsPermanentAndAnSmscErrorIsTransient() {
        assertThat(SubmitStatuses.outcome(SMPPConstant.STAT_ESME_RINVDSTADR, null, HOLD))
                .isEqualTo(SendOutcome.permanentFailure("ESME_RINVDSTADR: invalid destination address (0x0000000B)"));
        assertThat(SubmitStatuses.outcome(SMPPConstant.STAT_ESME_RSYSERR, null, HOLD))
                .isInstanceOf(SendOutcome.TransientFailure.class);
        assertThat(SubmitStatuses.outcome(0x400, null, HOLD))
                .as("a vendor status this table does not know")
                .isEqualTo(SendOutcome.transientFailure("submit_sm refused with command status 0x00000400"));
    }

    @Test
    void everyReceiptStateHasAReportStatus() {
        for (DeliveryReceiptState state : DeliveryReceiptState.values()) {
            assertThat(ReceiptStates.of(state)).as(state.name()).isNotNull();
        }
        assertThat(ReceiptStates.of(DeliveryReceiptState.DELIVRD)).isEqualTo(ReportStatus.DELIVERED);
        assertThat(ReceiptStates.of(DeliveryReceiptState.ACCEPTD).isFinal()).isFalse();
        for (byte state = 1; state <= 8; state++) {
            assertThat(ReceiptStates.ofMessageState(state))
                    .as("message_state " + state)
                    .isNotNull();
        }
        assertThat(ReceiptStates.ofMessageState((byte) 9)).isNull();
    }
}
