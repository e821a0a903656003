package io.msgsvc.smpp;

/** How the channel binds to the SMSC. */
public enum SmppBind {
    /** Each session sends and hears receipts ({@code bind_transceiver}). */
    TRANSCEIVER,
    /** Sending sessions ({@code bind_transmitter}) and one more that hears receipts ({@code bind_receiver}). */
    TRANSMITTER_AND_RECEIVER
}
