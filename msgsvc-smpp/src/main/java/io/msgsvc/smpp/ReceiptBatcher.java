package io.msgsvc.smpp;

import io.msgsvc.api.DeliveryReport;
import io.msgsvc.api.InvalidRequestException;
import io.msgsvc.api.ReportOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores the receipts that arrive together in one call to the sink (one transaction), so the receipts of a busy
 * campaign cost a commit per batch rather than per receipt. The session's threads each bring a receipt; one of them
 * writes what has gathered, including its own, while the others wait for theirs.
 */
final class ReceiptBatcher {
    private final ReceiptSink sink;
    private List<Pending> waiting = new ArrayList<>();
    private boolean writing;

    private static final class Pending {
        final DeliveryReport report;
        boolean done;
        ReportOutcome outcome;
        RuntimeException failure;

        Pending(DeliveryReport report) {
            this.report = report;
        }

        ReportOutcome result() {
            if (failure != null) {
                throw failure;
            }
            if (outcome == null) {
                throw new IllegalStateException("the receipt's batch ended without storing it");
            }
            return outcome;
        }
    }

    ReceiptBatcher(ReceiptSink sink) {
        this.sink = sink;
    }

    /** Stores the report (with whatever else came meanwhile) and answers for it; throws what the sink threw. */
    ReportOutcome store(DeliveryReport report) throws InterruptedException {
        Pending mine = new Pending(report);
        List<Pending> batch;
        synchronized (this) {
            waiting.add(mine);
            while (writing && !mine.done) {
                wait();
            }
            if (mine.done) {
                return mine.result();
            }
            writing = true;
            batch = waiting;
            waiting = new ArrayList<>();
        }
        try {
            write(batch);
        } finally {
            synchronized (this) {
                writing = false;
                batch.forEach(p -> p.done = true);
                notifyAll();
            }
        }
        return mine.result();
    }

    private void write(List<Pending> batch) {
        try {
            List<ReportOutcome> outcomes =
                    sink.report(batch.stream().map(p -> p.report).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).outcome = outcomes.get(i);
            }
        } catch (InvalidRequestException e) {
            if (batch.size() == 1) {
                batch.get(0).failure = e;
            } else {
                // the sink refused the whole batch for one report: each alone, so only that one is refused
                batch.forEach(p -> write(List.of(p)));
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.failure = e);
        } catch (Error e) {
            // not stored: every receipt of the batch must be refused for now, never acknowledged
            IllegalStateException failure = new IllegalStateException("storing the receipts failed: " + e, e);
            batch.forEach(p -> p.failure = failure);
            throw e;
        }
    }
}
