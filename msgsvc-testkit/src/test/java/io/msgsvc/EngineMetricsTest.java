package io.msgsvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.testkit.EngineFixture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine tells its metrics port once per committed transaction, and a port that throws disturbs nothing. */
class EngineMetricsTest {
    private EngineFixture f;

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void resultsAreToldOncePerTransactionNotPerDelivery() {
        List<int[]> told = new CopyOnWriteArrayList<>();
        EngineMetrics metrics = new EngineMetrics() {
            @Override
            public void sendsRecorded(int sent, int submitted, int failedPermanently, int failedAfterRetries) {
                told.add(new int[] {sent, submitted, failedPermanently, failedAfterRetries});
            }
        };
        f = new EngineFixture(new InMemoryStorage(), b -> b.resultBatchSize(500).metrics(metrics));
        f.channel.answerWith(
                m -> m.recipient().equals("+3") ? SendOutcome.permanentFailure("no") : SendOutcome.accepted("ok"));
        String[] recipients =
                IntStream.rangeClosed(1, 100).mapToObj(i -> "+" + i).toArray(String[]::new);
        Reservation r =
                f.msgsvc.reserve(EngineFixture.request("acme", "Hi", recipients).build());

        await().until(() ->
                f.msgsvc.reservation("acme", r.id()).reservation().status() == ReservationStatus.PARTIALLY_FAILED);

        assertThat(told.stream().mapToInt(t -> t[0]).sum()).isEqualTo(99);
        assertThat(told.stream().mapToInt(t -> t[2]).sum()).isEqualTo(1);
        assertThat(told)
                .as("one call per result transaction, not one per delivery")
                .hasSizeLessThan(100);
    }

    @Test
    void aPortThatThrowsLeavesTheWorkAsItIs() {
        EngineMetrics broken = new EngineMetrics() {
            @Override
            public void sendsRecorded(int sent, int submitted, int failedPermanently, int failedAfterRetries) {
                throw new IllegalStateException("metrics backend down");
            }

            @Override
            public void sendRetried() {
                throw new IllegalStateException("metrics backend down");
            }
        };
        f = new EngineFixture(new InMemoryStorage(), b -> b.metrics(broken));
        f.channel.answerWith(m -> m.recipient().equals("+1") && m.attempt() == 1
                ? SendOutcome.transientFailure("busy")
                : SendOutcome.accepted("ok"));
        Reservation r =
                f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1", "+2").build());
        await().until(() ->
                f.msgsvc.reservation("acme", r.id()).deliveries().get(0).attempts() == 1);
        f.clock.advance(Duration.ofSeconds(10));

        await().until(() -> f.msgsvc.reservation("acme", r.id()).reservation().status() == ReservationStatus.COMPLETED);
        assertThat(f.msgsvc.billing("acme").charges()).isEqualTo(2);
    }
}
