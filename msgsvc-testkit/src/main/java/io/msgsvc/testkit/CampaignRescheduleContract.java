package io.msgsvc.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.msgsvc.api.DeliveryWindow;
import io.msgsvc.api.InvalidRequestException;
import io.msgsvc.api.RescheduleOutcome;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationEvent.ReservationRescheduled;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.ReservationStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * A reservation's expiry, stored once at registration, holding against a reschedule: a send time that leaves nothing
 * to send before it is refused naming {@code sendAt} and changes nothing; one in time is taken and sent.
 */
public abstract class CampaignRescheduleContract extends EngineContract {

    @Test
    void aRescheduleLeavingNothingToSendBeforeTheStoredExpiryIsRefusedNamingSendAtAndChangesNothing() {
        EngineFixture f = engine();
        Instant now = f.clock.instant(); // 2026-01-01T09:00:00Z
        Instant sendAt = now.plus(Duration.ofHours(1));
        Instant expireAt = now.plus(Duration.ofHours(3)); // from the lateness, once, at registration
        Reservation late = f.msgsvc.reserve(
                request().sendAt(sendAt).maxLateness(Duration.ofHours(2)).build());
        DeliveryWindow tenToEleven = DeliveryWindow.daily(LocalTime.of(10, 0), LocalTime.of(11, 0), ZoneId.of("UTC"));
        Reservation windowed = f.msgsvc.reserve(request()
                .sendAt(now.plus(Duration.ofMinutes(30)))
                .deliveryWindow(tenToEleven)
                .expireAt(now.plus(Duration.ofHours(3)))
                .build());

        assertRescheduleRefused(f, late, expireAt); // a send due at the expiry is too late
        assertRescheduleRefused(f, late, expireAt.plus(Duration.ofDays(1)));
        assertRescheduleRefused(f, windowed, now.plus(Duration.ofMinutes(150))); // 11:30: the window opens tomorrow
        assertThat(f.msgsvc.reservation("acme", late.id()).reservation().sendAt())
                .isEqualTo(sendAt);
        assertThat(f.msgsvc.reservation("acme", windowed.id()).reservation().sendAt())
                .isEqualTo(now.plus(Duration.ofMinutes(30)));

        Instant stillInTime = expireAt.minus(Duration.ofMinutes(30));
        assertThat(f.msgsvc.reschedule("acme", late.id(), stillInTime)).isEqualTo(RescheduleOutcome.RESCHEDULED);
        Instant inTheWindow = now.plus(Duration.ofMinutes(90)); // 10:30
        assertThat(f.msgsvc.reschedule("acme", windowed.id(), inTheWindow)).isEqualTo(RescheduleOutcome.RESCHEDULED);
        assertThat(f.msgsvc.reservation("acme", late.id()).reservation().rules().expireAt())
                .as("the expiry worked out from the lateness stands")
                .isEqualTo(expireAt);
        await().atMost(WAIT)
                .until(() -> f.eventsOf(ReservationRescheduled.class).size() == 2);
        assertThat(f.eventsOf(ReservationRescheduled.class))
                .as("the refused reschedules wrote no event")
                .extracting(ReservationRescheduled::sendAt)
                .containsExactlyInAnyOrder(stillInTime, inTheWindow);

        f.clock.set(inTheWindow);
        awaitStatus(f, "acme", windowed.id(), ReservationStatus.COMPLETED);
        f.clock.set(stillInTime);
        awaitStatus(f, "acme", late.id(), ReservationStatus.COMPLETED);
        assertThat(f.channel.recipientsCalled(late.id())).containsExactly("+1");
        assertThat(f.channel.recipientsCalled(windowed.id())).containsExactly("+1");
    }

    private static ReservationRequest.Builder request() {
        return EngineFixture.request("acme", "Hi", "+1");
    }

    private static void assertRescheduleRefused(EngineFixture f, Reservation r, Instant sendAt) {
        assertThatThrownBy(() -> f.msgsvc.reschedule("acme", r.id(), sendAt))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("sendAt"))
                .hasMessageContaining("expiry");
        assertThat(f.msgsvc.reservation("acme", r.id()).reservation().status()).isEqualTo(ReservationStatus.SCHEDULED);
    }
}
