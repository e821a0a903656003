package io.msgsvc.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.DeliveryReport;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.SendOutcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SimulatedSmsChannelTest {
    private static final DeliveryId DELIVERY = new DeliveryId(ReservationId.random(), 0);

    @Test
    void repeatedKeyIsAnsweredWithTheSameReferenceAndSentOnce() throws Exception {
        SimulatedSmsChannel sms = SimulatedSmsChannel.builder().latency(0, 0).build();

        SendOutcome first = sms.send(message(1));
        SendOutcome repeat = sms.send(message(2));

        assertThat(first).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(repeat).isEqualTo(first);
        assertThat(sms.delivered()).isEqualTo(1);
        assertThat(sms.calls()).isEqualTo(2);
    }

    @Test
    void aRefusedCallDeliversNothing() throws Exception {
        SimulatedSmsChannel sms = SimulatedSmsChannel.builder()
                .latency(0, 0)
                .permanentFailureRate(1.0)
                .build();

        assertThat(sms.send(message(1))).isInstanceOf(SendOutcome.PermanentFailure.class);
        assertThat(sms.delivered()).isZero();
    }

    @Test
    void aReportCallbackTheEngineRefusedIsPostedAgain() throws Exception {
        SimulatedSmsChannel sms = SimulatedSmsChannel.builder()
                .latency(0, 0)
                .reports(Duration.ZERO, Duration.ZERO, 0, 0, 0, 0)
                .build();
        AtomicInteger posts = new AtomicInteger();
        CountDownLatch taken = new CountDownLatch(1);
        List<DeliveryReport> received = new CopyOnWriteArrayList<>();
        sms.reportTo(reports -> {
            if (posts.incrementAndGet() == 1) {
                throw new IllegalStateException("lock timeout"); // the engine's transaction failed this time
            }
            received.addAll(reports);
            taken.countDown();
        });
        try (sms) {
            SendOutcome.Accepted accepted = (SendOutcome.Accepted) sms.send(message(1));

            assertThat(taken.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(posts).hasValue(2);
            assertThat(received)
                    .singleElement()
                    .satisfies(r -> assertThat(r.providerReference()).isEqualTo(accepted.providerReference()));
        }
    }

    @Test
    void ratesAboveOneAreRefused() {
        assertThatThrownBy(() -> SimulatedSmsChannel.builder()
                        .permanentFailureRate(0.6)
                        .transientFailureRate(0.6)
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static OutboundMessage message(int attempt) {
        return new OutboundMessage(DELIVERY, DELIVERY.toString(), "acme", "+821012345678", null, "Sale 10%", attempt);
    }
}
