package io.msgsvc;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgsvc.api.SendingSpeed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreviewPaceTest {
    private static final Instant START = Instant.parse("2026-01-01T09:00:00Z");

    @Test
    void aBurstGoesAtTheStartAndTheRestAtTheRate() {
        PreviewPace pace = new PreviewPace(SendingSpeed.perSecond(20), noWindows(null), START); // a burst of two
        assertThat(pace.sendAt(0)).isEqualTo(START);
        assertThat(pace.sendAt(1)).isEqualTo(START);
        assertThat(pace.sendAt(2)).isEqualTo(START.plusMillis(50));
        assertThat(pace.sendAt(41)).isEqualTo(START.plusSeconds(2));
    }

    @Test
    void theSendsDueAtOrAfterTheExpiryAreNotCounted() {
        PreviewPace pace = new PreviewPace(SendingSpeed.perSecond(1), noWindows(null), START);
        Instant expireAt = START.plusMillis(2500);
        assertThat(pace.sentBefore(expireAt, 10)).isEqualTo(3); // at +0, +1 and +2 s
        assertThat(pace.sentBefore(START.plusSeconds(2), 10))
                .as("one due at the expiry is late")
                .isEqualTo(2);
        assertThat(pace.sentBefore(expireAt, 2)).isEqualTo(2);
        assertThat(pace.sentBefore(expireAt, 0)).isZero();
        assertThat(pace.sentBefore(null, 1_000_000)).isEqualTo(1_000_000);
        assertThat(pace.sentBefore(START.plus(Duration.ofDays(1)), 1_000_000)).isEqualTo(86_400);
    }

    @Test
    void withNoSpeedEverySendGoesAtTheStart() {
        PreviewPace pace = new PreviewPace(null, noWindows(START.plusSeconds(1)), START);
        assertThat(pace.sendAt(999_999)).isEqualTo(START);
        assertThat(pace.sentBefore(START.plusSeconds(1), 1_000_000)).isEqualTo(1_000_000);
    }

    private static SendingHours noWindows(Instant expireAt) {
        return new SendingHours(List.of(), expireAt);
    }
}
