package io.msgsvc.jdbc;

import static org.awaitility.Awaitility.await;

import io.msgsvc.Msgsvc;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.testkit.RecordingChannel;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** On PostgreSQL a reservation stored by one node wakes the others at once, without waiting for their poll. */
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
}
