package io.msgsvc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IssueWindowTest {
    private final IssueWindow window = new IssueWindow(Duration.ofMillis(10), 500);

    @Test
    void aFastChannelGetsTheWidestWindowAndSoFewRaises() {
        assertThat(window.next(4, Duration.ofNanos(4_000).toNanos())).isEqualTo(500);
        assertThat(window.size()).as("the next dispatch starts at this pace").isEqualTo(500);
    }

    @Test
    void aSlowGatewayGetsAWindowOfOne() {
        assertThat(window.next(3, Duration.ofMillis(150).toNanos())).isEqualTo(1);
    }

    @Test
    void theWindowIsAboutTwiceWhatTheChannelTakesInOneFlushInterval() {
        // 10 calls of 1 ms: 10 per 10 ms interval
        assertThat(window.next(10, Duration.ofMillis(10).toNanos())).isEqualTo(20);
    }
}
