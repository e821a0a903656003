package io.msgsvc;

import io.msgsvc.api.ReservationId;
import io.msgsvc.spi.DeliveryResult;
import io.msgsvc.spi.RecordedResult;
import io.msgsvc.spi.ResultAck;
import io.msgsvc.spi.Written;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The send results of one dispatch not yet stored, and their storing: in one transaction with the issue mark, and
 * with the reports that came for them before they were stored.
 */
final class ResultBuffer {
    private final ReservationDispatcher d;
    private final ReservationId id;
    private final List<RecordedResult> results = new ArrayList<>();
    private long oldestNanos;

    ResultBuffer(ReservationDispatcher dispatcher, ReservationId id) {
        this.d = dispatcher;
        this.id = id;
    }

    void add(RecordedResult result) {
        if (results.isEmpty()) {
            oldestNanos = System.nanoTime();
        }
        results.add(result);
    }

    boolean isEmpty() {
        return results.isEmpty();
    }

    /** Full, or its oldest result has waited the flush interval. */
    boolean due() {
        return results.size() >= d.config.resultBatchSize() || !results.isEmpty() && nanosUntilDue() <= 0;
    }

    /** How long until the oldest result has waited the flush interval; Long.MAX_VALUE when empty. */
    long nanosUntilDue() {
        return results.isEmpty()
                ? Long.MAX_VALUE
                : oldestNanos + d.config.resultFlushInterval().toNanos() - System.nanoTime();
    }

    /** Stores the buffered results (possibly none) with the issue mark {@code issueThrough}, and empties it. */
    ResultAck write(int issueThrough) {
        List<RecordedResult> batch = List.copyOf(results);
        List<DeliveryResult> submitted = d.awaitsReports ? SendResults.submitted(batch) : List.of();
        String node = d.config.nodeId();
        Instant now = d.config.clock().instant();
        ResultAck ack = d.unitOfWork.write(tx -> {
            Written<ResultAck> recorded = d.queue.recordResults(tx, id, node, batch, issueThrough);
            // reports that came before these results were stored are applied with them
            return submitted.isEmpty()
                    ? recorded
                    : recorded.plus(d.reports.submitted(tx, id, submitted, now.plus(d.config.awaitReportsFor()), now));
        });
        results.clear();
        return ack;
    }
}
