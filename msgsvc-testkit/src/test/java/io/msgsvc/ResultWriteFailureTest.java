package io.msgsvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.api.CancelOutcome;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.PauseOutcome;
import io.msgsvc.api.RescheduleOutcome;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.ResumeOutcome;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.spi.BillingLedger;
import io.msgsvc.spi.ClaimedReservation;
import io.msgsvc.spi.CloseSummary;
import io.msgsvc.spi.Closing;
import io.msgsvc.spi.DashboardStore;
import io.msgsvc.spi.DeliveryReports;
import io.msgsvc.spi.DispatchBacklog;
import io.msgsvc.spi.DispatchQueue;
import io.msgsvc.spi.Outbox;
import io.msgsvc.spi.RecordedResult;
import io.msgsvc.spi.Registrations;
import io.msgsvc.spi.ResultAck;
import io.msgsvc.spi.SendingPermits;
import io.msgsvc.spi.StatisticsStore;
import io.msgsvc.spi.StatusStore;
import io.msgsvc.spi.Storage;
import io.msgsvc.spi.StorageTx;
import io.msgsvc.spi.Written;
import io.msgsvc.testkit.EngineFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A result write that fails (the database went away for a moment) loses nothing: its results go with the next. */
class ResultWriteFailureTest {
    private EngineFixture f;

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void resultsOfAFailedWriteWhileACallIsSlowAreWrittenWithTheNextAndNeverEndCancelled() throws Exception {
        AtomicInteger failuresLeft = new AtomicInteger(1);
        CountDownLatch slowCall = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        // results wait up to a second, so those of the quick calls are still unwritten when the last call is slow
        f = new EngineFixture(
                new FailingResults(new InMemoryStorage(), failuresLeft),
                b -> b.resultFlushInterval(Duration.ofSeconds(1)));
        f.channel.answerWith(m -> {
            if (m.deliveryId().sequence() == 9) {
                slowCall.countDown();
                try {
                    answer.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return SendOutcome.accepted("ref-" + m.idempotencyKey());
        });
        Reservation r = f.msgsvc.reserve(
                EngineFixture.request("acme", "Hi", "+0", "+1", "+2", "+3", "+4", "+5", "+6", "+7", "+8", "+9")
                        .build());
        assertThat(slowCall.await(20, TimeUnit.SECONDS)).isTrue();

        // while the last call is slow, the watchdog writes the results gathered so far, and that write fails
        await().until(() -> failuresLeft.get() == 0);
        answer.countDown();

        await().until(() -> f.msgsvc.reservation("acme", r.id()).reservation().status() == ReservationStatus.COMPLETED);
        assertThat(f.msgsvc.reservation("acme", r.id()).deliveries())
                .extracting(Delivery::state)
                .containsOnly(DeliveryState.SENT);
        await().until(() -> f.msgsvc.billing("acme").charges() == 10);
    }

    /** The in-memory storage whose result writes on the channel watchdog fail while {@code failuresLeft} is above 0. */
    private record FailingResults(InMemoryStorage inner, AtomicInteger failuresLeft) implements Storage {
        @Override
        public <T> T inTransaction(Function<StorageTx, T> work) {
            return inner.inTransaction(work);
        }

        @Override
        public Registrations registrations() {
            return inner.registrations();
        }

        @Override
        public Outbox outbox() {
            return inner.outbox();
        }

        @Override
        public DeliveryReports deliveryReports() {
            return inner.deliveryReports();
        }

        @Override
        public StatusStore statuses() {
            return inner.statuses();
        }

        @Override
        public BillingLedger billing() {
            return inner.billing();
        }

        @Override
        public StatisticsStore statistics() {
            return inner.statistics();
        }

        @Override
        public DashboardStore dashboard() {
            return inner.dashboard();
        }

        @Override
        public SendingPermits sendingPermits() {
            return inner.sendingPermits();
        }

        @Override
        public DispatchQueue dispatchQueue() {
            DispatchQueue queue = inner.dispatchQueue();
            return new DispatchQueue() {
                @Override
                public Written<ResultAck> recordResults(
                        StorageTx tx, ReservationId id, String owner, List<RecordedResult> results, int through) {
                    if (!results.isEmpty()
                            && Thread.currentThread().getName().contains("watchdog")
                            && failuresLeft.getAndDecrement() > 0) {
                        throw new IllegalStateException("the database went away for a moment");
                    }
                    return queue.recordResults(tx, id, owner, results, through);
                }

                @Override
                public Optional<Instant> nextDueAt() {
                    return queue.nextDueAt();
                }

                @Override
                public DispatchBacklog backlog(Instant now, int limit) {
                    return queue.backlog(now, limit);
                }

                @Override
                public List<ClaimedReservation> claimDue(
                        StorageTx tx,
                        Instant now,
                        int limit,
                        String owner,
                        Duration lease,
                        Collection<ReservationId> busy) {
                    return queue.claimDue(tx, now, limit, owner, lease, busy);
                }

                @Override
                public Written<Boolean> startDispatch(
                        StorageTx tx,
                        ReservationId id,
                        String owner,
                        ReservationEvent.DispatchStarted started,
                        int issueThrough) {
                    return queue.startDispatch(tx, id, owner, started, issueThrough);
                }

                @Override
                public boolean renewLease(StorageTx tx, ReservationId id, String owner, Instant now, Duration lease) {
                    return queue.renewLease(tx, id, owner, now, lease);
                }

                @Override
                public void releaseLease(StorageTx tx, ReservationId id, String owner, int issuedThrough) {
                    queue.releaseLease(tx, id, owner, issuedThrough);
                }

                @Override
                public List<Delivery> pendingDeliveries(ReservationId id, int fromSequence, int limit) {
                    return queue.pendingDeliveries(id, fromSequence, limit);
                }

                @Override
                public boolean deferDelivery(
                        StorageTx tx,
                        DeliveryId id,
                        String owner,
                        int attempts,
                        String error,
                        Instant retryAt,
                        int issuedThrough) {
                    return queue.deferDelivery(tx, id, owner, attempts, error, retryAt, issuedThrough);
                }

                @Override
                public Written<Optional<CloseSummary>> close(
                        StorageTx tx, ReservationId id, String owner, Closing closing) {
                    return queue.close(tx, id, owner, closing);
                }

                @Override
                public Written<CancelOutcome> requestCancel(
                        StorageTx tx, ReservationId id, Instant now, Closing.Cancelled closing) {
                    return queue.requestCancel(tx, id, now, closing);
                }

                @Override
                public Written<PauseOutcome> requestPause(StorageTx tx, ReservationId id, Instant now, UUID eventId) {
                    return queue.requestPause(tx, id, now, eventId);
                }

                @Override
                public Written<ResumeOutcome> requestResume(StorageTx tx, ReservationId id, Instant now, UUID eventId) {
                    return queue.requestResume(tx, id, now, eventId);
                }

                @Override
                public Written<RescheduleOutcome> requestReschedule(
                        StorageTx tx, ReservationId id, Instant now, Instant sendAt, UUID eventId) {
                    return queue.requestReschedule(tx, id, now, sendAt, eventId);
                }

                @Override
                public AutoCloseable watch(Watcher watcher) {
                    return queue.watch(watcher);
                }
            };
        }
    }
}
