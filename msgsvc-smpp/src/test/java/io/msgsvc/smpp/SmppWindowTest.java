package io.msgsvc.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.SendOutcome;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The channel's window as the engine uses it: places come back whatever becomes of a send. */
class SmppWindowTest {
    private static OutboundMessage message(int sequence, String recipient) {
        DeliveryId id = new DeliveryId(ReservationId.random(), sequence);
        return new OutboundMessage(id, id.toString(), "acme", recipient, null, "Hi", 1);
    }

    /** A channel whose window has one place, bound, without receipts. */
    private static SmppChannel boundWithOnePlace(SmscSimulator smsc) {
        SmppChannel smpp = SmppChannel.builder("127.0.0.1", smsc.port())
                .account("msgsvc", "secret")
                .registeredDelivery(false)
                .window(1, 1, Duration.ofMillis(500))
                .build()
                .start();
        await().atMost(Duration.ofSeconds(10)).until(() -> smpp.boundSessions() == 1);
        return smpp;
    }

    @Test
    void aSendTheEngineCancelledGivesItsPlaceBack() throws Exception {
        try (SmscSimulator smsc = SmscSimulator.start("msgsvc", "secret");
                SmppChannel smpp = boundWithOnePlace(smsc)) {
            smsc.answerDelay(Duration.ofMillis(300));

            CompletionStage<SendOutcome> abandoned = smpp.sendAsync(message(0, "+821000001"));
            // what the engine does with a call that outlasted its timeout, or when it abandons a dispatch
            abandoned.toCompletableFuture().cancel(false);
            CompletableFuture<SendOutcome> next =
                    smpp.sendAsync(message(1, "+821000002")).toCompletableFuture();

            assertThat(next.get()).isInstanceOf(SendOutcome.Accepted.class);
            assertThat(smsc.submits()).hasSize(2);
        }
    }

    @Test
    void aRecipientSmppCannotAddressFailsForGoodWithoutTakingAPlace() throws Exception {
        try (SmscSimulator smsc = SmscSimulator.start("msgsvc", "secret");
                SmppChannel smpp = boundWithOnePlace(smsc)) {

            SendOutcome tooLong = smpp.sendAsync(message(0, "+8210123456789012345678"))
                    .toCompletableFuture()
                    .get();

            assertThat(tooLong).isInstanceOf(SendOutcome.PermanentFailure.class);
            assertThat(((SendOutcome.PermanentFailure) tooLong).reason()).contains("not an SMPP address");
            assertThat(smsc.submits()).isEmpty();
            assertThat(smpp.sendAsync(message(1, "+821000003"))
                            .toCompletableFuture()
                            .get())
                    .isInstanceOf(SendOutcome.Accepted.class);
        }
    }
}
