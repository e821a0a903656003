package io.msgsvc;

/**
 * The issue mark one dispatch asks the store for, and how far ahead: one at a time, about twice what the channel
 * answers in one flush interval (see {@link IssueWindow}); pipelined, at least eight send windows (within the result
 * batch size), asked again once a quarter of it is used, so the issuing never waits for a raise.
 */
final class AskedMark {
    private final IssueWindow pace;
    private final int sendWindow;
    private final int resultBatchSize;
    private int asked;
    private int callsSinceAsked;
    /** Channel time since the last ask (a pipelined call counts its share of the window): the channel's pace. */
    private long callNanosSinceAsked;

    AskedMark(IssueWindow pace, int sendWindow, int resultBatchSize, int inherited) {
        this.pace = pace;
        this.sendWindow = sendWindow;
        this.resultBatchSize = resultBatchSize;
        this.asked = inherited;
    }

    int asked() {
        return asked;
    }

    /** The mark a dispatch starts with, counted from sequence 0. */
    int first() {
        return size(pace.size()) - 1;
    }

    void started(int mark) {
        asked = Math.max(asked, mark);
    }

    void issued() {
        callsSinceAsked++;
    }

    void answered(long callNanos, boolean pipelined) {
        callNanosSinceAsked += pipelined ? callNanos / sendWindow : callNanos;
    }

    /** Asks for a mark from {@code from} on, as far ahead as the pace says. */
    void askFrom(int from) {
        asked = from + size(pace.next(callsSinceAsked, callNanosSinceAsked)) - 1;
        callsSinceAsked = 0;
        callNanosSinceAsked = 0;
    }

    /** Pipelined: less than three quarters of the mark's room is left ahead of {@code lastIssued}. */
    boolean runningLow(int lastIssued) {
        return asked - lastIssued < size(0) * 3 / 4;
    }

    private int size(int paced) {
        return Math.max(paced, sendWindow == 1 ? 1 : Math.min(8 * sendWindow, resultBatchSize));
    }
}
