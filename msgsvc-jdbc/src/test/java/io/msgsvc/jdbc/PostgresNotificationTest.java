package io.msgsvc.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.Msgsvc;
import io.msgsvc.Role;
import io.msgsvc.api.CancelOutcome;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.MessageChannel;
import io.msgsvc.api.PauseOutcome;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.ResumeOutcome;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.testkit.RecordingChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL nodes tell each other at once: a reservation stored by one node wakes the others' schedulers, and a
 * cancel or a pause asked through one node stops the node sending it before its next call.
 */
class PostgresNotificationTest {

    @Test
    void aReservationStoredElsewhereIsSentLongBeforeTheNextPoll() {
        DataSource db = TestDatabases.postgres();
        JdbcStorage sendingSide = TestStorages.on(db);
        JdbcStorage registeringSide =
                JdbcStorage.builder(db).cleanupInterval(null).build();
        RecordingChannel channel = new RecordingChannel();
        // the registering engine is never started: it only stores, like a front-end node
        try (Msgsvc sender = Msgsvc.builder()
                        .storage(sendingSide)
                        .channel(channel)
                        .pollInterval(Duration.ofMinutes(5))
                        .build()
                        .start();
                Msgsvc frontEnd = Msgsvc.builder()
                        .storage(registeringSide)
                        .channel(channel)
                        .build()) {
            // once the sender has nothing left to do it sleeps for its 5-minute poll; only a notification wakes it
            Reservation warmUp = sender.reserve(ReservationRequest.builder()
                    .customerId("acme")
                    .text("Hi")
                    .recipients("+0")
                    .build());
            await().until(() ->
                    sender.reservation("acme", warmUp.id()).reservation().status() == ReservationStatus.COMPLETED);
            Reservation r = frontEnd.reserve(ReservationRequest.builder()
                    .customerId("acme")
                    .text("Hi")
                    .recipients("+1")
                    .build());

            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            sender.reservation("acme", r.id()).reservation().status() == ReservationStatus.COMPLETED);
        } finally {
            registeringSide.close();
            TestStorages.release(sendingSide);
        }
    }

    /**
     * A cancel asked through another node reaches the sending node at once: it makes no call begun after the cancel
     * returned but the one that may have been under way. Its results are written only every 10 s here, so without
     * the notification it would learn of the cancel after the whole list.
     */
    @Test
    void aCancelAskedElsewhereStopsTheSenderBeforeItsNextCall() throws Exception {
        DataSource db = TestDatabases.postgres();
        JdbcStorage sendingSide = TestStorages.on(db);
        JdbcStorage cancellingSide =
                JdbcStorage.builder(db).cleanupInterval(null).build();
        List<Long> callStarts = new CopyOnWriteArrayList<>();
        CountDownLatch fiveCalls = new CountDownLatch(5);
        MessageChannel gatewayAnsweringIn20Ms = message -> {
            callStarts.add(System.nanoTime());
            fiveCalls.countDown();
            Thread.sleep(20);
            return SendOutcome.accepted("ref");
        };
        try (Msgsvc sender = Msgsvc.builder()
                        .storage(sendingSide)
                        .channel(gatewayAnsweringIn20Ms)
                        .resultFlushInterval(Duration.ofSeconds(10))
                        .build()
                        .start();
                Msgsvc frontEnd = Msgsvc.builder()
                        .storage(cancellingSide)
                        .roles(Role.RELAY, Role.STATUS, Role.BILLING, Role.STATISTICS, Role.DASHBOARD)
                        .build()) {
            List<String> recipients =
                    IntStream.range(0, 100).mapToObj(i -> "+" + i).toList();
            Reservation r = sender.reserve(ReservationRequest.builder()
                    .customerId("acme")
                    .text("Hi")
                    .recipients(recipients)
                    .build());
            assertThat(fiveCalls.await(20, TimeUnit.SECONDS)).isTrue();

            assertThat(frontEnd.cancel("acme", r.id())).isEqualTo(CancelOutcome.CANCEL_REQUESTED);
            long cancelReturned = System.nanoTime();

            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            sender.reservation("acme", r.id()).reservation().status() == ReservationStatus.CANCELLED);
            long begunAfterCancel =
                    callStarts.stream().filter(t -> t > cancelReturned).count();
            assertThat(begunAfterCancel)
                    .as("calls begun after the cancel returned")
                    .isLessThanOrEqualTo(1);
            assertThat(sender.reservation("acme", r.id()).deliveries().stream()
                            .filter(d -> d.state() == DeliveryState.SENT)
                            .count())
                    .isEqualTo(callStarts.size());
        } finally {
            cancellingSide.close();
            TestStorages.release(sendingSide);
        }
    }

    /**
     * A pause asked through another node reaches the sending node at once, as a cancel does: no call begun after the
     * pause returned but the one that may have been under way; the results are stored and the lease released, and a
     * resume through that other node wakes the sender, which sends the rest, each recipient once.
     */
    @Test
    void aPauseAskedElsewhereStopsTheSenderBeforeItsNextCallAndAResumeThereSendsTheRest() throws Exception {
        DataSource db = TestDatabases.postgres();
        JdbcStorage sendingSide = TestStorages.on(db);
        JdbcStorage pausingSide = JdbcStorage.builder(db).cleanupInterval(null).build();
        List<Long> callStarts = new CopyOnWriteArrayList<>();
        List<Integer> called = new CopyOnWriteArrayList<>();
        CountDownLatch fiveCalls = new CountDownLatch(5);
        MessageChannel gatewayAnsweringIn20Ms = message -> {
            callStarts.add(System.nanoTime());
            called.add(message.deliveryId().sequence());
            fiveCalls.countDown();
            Thread.sleep(20);
            return SendOutcome.accepted("ref");
        };
        try (Msgsvc sender = Msgsvc.builder()
                        .storage(sendingSide)
                        .channel(gatewayAnsweringIn20Ms)
                        .resultFlushInterval(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMinutes(5))
                        .build()
                        .start();
                Msgsvc frontEnd = Msgsvc.builder()
                        .storage(pausingSide)
                        .roles(Role.RELAY, Role.STATUS, Role.BILLING, Role.STATISTICS, Role.DASHBOARD)
                        .build()
                        .start()) {
            List<String> recipients =
                    IntStream.range(0, 100).mapToObj(i -> "+" + i).toList();
            Reservation r = sender.reserve(ReservationRequest.builder()
                    .customerId("acme")
                    .text("Hi")
                    .recipients(recipients)
                    .build());
            assertThat(fiveCalls.await(20, TimeUnit.SECONDS)).isTrue();

            assertThat(frontEnd.pause("acme", r.id())).isEqualTo(PauseOutcome.PAUSE_REQUESTED);
            long pauseReturned = System.nanoTime();

            await().atMost(Duration.ofSeconds(20)).until(() -> {
                long sent = sender.reservation("acme", r.id()).deliveries().stream()
                        .filter(d -> d.state() == DeliveryState.SENT)
                        .count();
                return sent == callStarts.size()
                        && sender.reservation("acme", r.id()).reservation().status() == ReservationStatus.PAUSED;
            });
            assertThat(callStarts.stream().filter(t -> t > pauseReturned).count())
                    .as("calls begun after the pause returned")
                    .isLessThanOrEqualTo(1);
            assertThat(called).hasSizeLessThan(100);

            assertThat(frontEnd.resume("acme", r.id())).isEqualTo(ResumeOutcome.RESUMED);
            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            sender.reservation("acme", r.id()).reservation().status() == ReservationStatus.COMPLETED);
            assertThat(called).isEqualTo(IntStream.range(0, 100).boxed().toList());
        } finally {
            pausingSide.close();
            TestStorages.release(sendingSide);
        }
    }
}
