package io.msgsvc.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.SendOutcome;
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
