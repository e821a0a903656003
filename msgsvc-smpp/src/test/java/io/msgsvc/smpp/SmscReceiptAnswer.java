package io.msgsvc.smpp;

/**
 * A deliver_sm the {@link SmscSimulator} sent and how the client answered it.
 *
 * @param messageId the id the deliver_sm referred to (receipted_message_id, else the text's {@code id:}), or null
 * @param stat the receipt's {@code stat:} word, or null if the text had none
 * @param commandStatus the client's deliver_sm_resp command_status; -1 if it never answered or could not be reached
 */
public record SmscReceiptAnswer(String messageId, String stat, int commandStatus) {}
