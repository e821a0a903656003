package io.msgsvc.api;

/**
 * The kind of message a carrier bills: what a {@link MessageSizer} decides a text needs and {@link Pricing} prices.
 */
public enum MessageType {
    /** A short message: one SMS, or {@link MessageSize#units()} SMS segments when a long text is split. */
    SMS,
    /** A long message (Korean carriers' LMS, up to 2 000 EUC-KR bytes with a subject): billed as one unit. */
    LMS
}
