package io.msgsvc.api;

/** What became of one delivery report. None of them is an error: each is an expected case of report traffic. */
public enum ReportOutcome {
    /** A final report: the delivery is now delivered, undelivered or expired. */
    APPLIED,
    /** An intermediate report (en route, buffered...) kept on a delivery still awaiting its final one. */
    INTERMEDIATE,
    /** One part of a message sent in parts; the delivery is decided when every part has its final report. */
    PART_RECORDED,
    /**
     * Came before the send result was stored (the provider was faster than the result's commit): kept, and applied
     * when the result is stored. A parked report that no send result claims within its parking time is dropped.
     */
    PARKED,
    /** The same final report again, or a final report for a delivery already final in that way. */
    DUPLICATE,
    /** An intermediate report after the final one, or a final report contradicting a final state: ignored. */
    OUT_OF_ORDER,
    /** A final report after the result timeout ended the delivery as unknown: recorded as a correction. */
    LATE,
    /** No such delivery or provider reference (for the customer the caller acts for): nothing changed. */
    UNKNOWN_REFERENCE
}
