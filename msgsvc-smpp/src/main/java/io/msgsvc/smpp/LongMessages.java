package io.msgsvc.smpp;

/** How a text longer than one SMS goes to the SMSC. */
public enum LongMessages {
    /**
     * In parts, each a {@code submit_sm} with a concatenation header (UDH, 8-bit reference), sent in order on one
     * session. Only the last part asks for a delivery receipt, and its message id is the delivery's provider
     * reference: its receipt decides the delivery (a part refused fails the delivery; a part refused for a while
     * sends the whole message again, with the same reference, so handsets join the parts once).
     */
    CONCATENATED,
    /** In one {@code submit_sm} carrying the whole text in the {@code message_payload} parameter (SMSC must allow it). */
    MESSAGE_PAYLOAD
}
