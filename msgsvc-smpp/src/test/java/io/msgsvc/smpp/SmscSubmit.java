package io.msgsvc.smpp;

import java.time.Instant;

/**
 * A submit_sm as the {@link SmscSimulator} received it, with the answer it was given.
 *
 * @param messageId the message_id of the submit_sm_resp, null unless accepted
 * @param commandStatus the command_status of the submit_sm_resp: 0 accepted, else the error status
 * @param sessionId the jSMPP id of the SMSC-side session the submit came on
 * @param sequenceNumber the submit's sequence_number: the order the client wrote the submits of one session in
 * @param messagePayload the message_payload TLV (0x0424), null if absent
 */
public record SmscSubmit(
        String messageId,
        int commandStatus,
        String sessionId,
        int sequenceNumber,
        String sourceAddr,
        String destinationAddr,
        byte dataCoding,
        byte esmClass,
        byte registeredDelivery,
        byte[] shortMessage,
        byte[] messagePayload,
        Instant receivedAt) {

    public boolean accepted() {
        return commandStatus == 0;
    }

    /** SMPP 3.4 5.2.17: the low two bits of registered_delivery ask for an SMSC delivery receipt. */
    public boolean receiptRequested() {
        return (registeredDelivery & 0x03) != 0;
    }

    SmscSubmit answered(String messageId, int commandStatus) {
        return new SmscSubmit(
                messageId,
                commandStatus,
                sessionId,
                sequenceNumber,
                sourceAddr,
                destinationAddr,
                dataCoding,
                esmClass,
                registeredDelivery,
                shortMessage,
                messagePayload,
                receivedAt);
    }
}
