package io.msgsvc.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmppChannelBuilderTest {

    private static SmppChannelBuilder builder() {
        return SmppChannel.builder("smsc.example.com", 2775);
    }

    @Test
    void aWrongSettingIsRefusedAtOnceNamingIt() {
        assertThatThrownBy(() -> SmppChannel.builder(" ", 2775))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("host must not be blank");
        assertThatThrownBy(() -> SmppChannel.builder("smsc", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port must be between 1 and 65535, was 0");
        assertThatThrownBy(() -> builder().account("a-system-id-too-long", "pw"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("systemId must be at most 15 characters, was 20");
        assertThatThrownBy(() -> builder().account("msgsvc", "password9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("password must be at most 8 characters, was 9");
        assertThatThrownBy(() -> builder().window(1, 0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("windowPerSession must be between 1 and 1000, was 0");
        assertThatThrownBy(() -> builder().sourceAddress("1588", 7, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sourceAddress ton must be between 0 and 6, was 7");
        assertThatThrownBy(() -> builder().sourceAddress("1588", 0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sourceAddress npi must be one of [0, 1, 3, 4, 6, 8, 9, 10, 14, 18], was 2");
        assertThatThrownBy(() -> builder().rebindBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("rebindBackoff max must not be below initial");
        assertThatThrownBy(() -> builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("systemId must be set");
    }

    @Test
    void aChannelAskingForReceiptsMustBeGivenWhereToHandThem() {
        SmppChannel channel = builder().account("msgsvc", "secret").build();

        assertThatThrownBy(channel::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("start(msgsvc::reportDeliveries)");
    }

    @Test
    void theEngineKeepsEverySessionsWindowInFlight() {
        SmppChannel channel = builder()
                .account("msgsvc", "secret")
                .window(3, 50, Duration.ofSeconds(1))
                .build();

        assertThat(channel.window()).isEqualTo(150);
        assertThat(channel.reportsDelivery()).isTrue();
        assertThat(builder()
                        .account("msgsvc", "secret")
                        .registeredDelivery(false)
                        .build()
                        .reportsDelivery())
                .isFalse();
    }
}
