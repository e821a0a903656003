package io.msgsvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.msgsvc.api.MessageSizer;
import io.msgsvc.api.OverLength;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.testkit.EngineFixture;
import io.msgsvc.testkit.RecordingChannel;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineLifecycleTest {

    @Test
    void theChannelIsTheOnlyRequiredSetting() {
        try (Msgsvc msgsvc =
                Msgsvc.builder().channel(new RecordingChannel()).build().start()) {
            Reservation r =
                    msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1").build());
            await().until(() ->
                    msgsvc.reservation("acme", r.id()).reservation().status() == ReservationStatus.COMPLETED);
        }
    }

    @Test
    void buildingWithoutAChannelSaysSo() {
        assertThatThrownBy(() -> Msgsvc.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("channel is required");
    }

    @Test
    void settingsAreCheckedWhenGiven() {
        assertThatThrownBy(() -> Msgsvc.builder().dispatchThreads(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dispatchThreads");
        assertThatThrownBy(() -> Msgsvc.builder().lease(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lease");
        assertThatThrownBy(() -> Msgsvc.builder().statisticsPeriod(ChronoUnit.WEEKS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("statisticsPeriod");
        assertThatThrownBy(() -> ContentPolicy.maxLength(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Msgsvc.builder()
                        .channel(new RecordingChannel())
                        .lease(Duration.ofSeconds(10))
                        .channelTimeout(Duration.ofSeconds(10))
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must be longer than channelTimeout");
        for (OverLength overLength : List.of(OverLength.UPGRADE, OverLength.SPLIT)) {
            assertThatThrownBy(() -> Msgsvc.builder()
                            .channel(new RecordingChannel())
                            .contentPolicy(ContentPolicy.sized(MessageSizer.koreanCarriers())
                                    .overLength(overLength))
                            .billingPolicy(BillingPolicy.onDelivery())
                            .build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("contentPolicy (overLength " + overLength + ")")
                    .hasMessageContaining("billingPolicy (onDelivery)");
        }
        Msgsvc.builder() // one SMS at most: a charge on delivery is priced right
                .channel(new RecordingChannel())
                .contentPolicy(ContentPolicy.sized(MessageSizer.koreanCarriers()))
                .billingPolicy(BillingPolicy.onDelivery())
                .build()
                .close();
        assertThatThrownBy(() -> Msgsvc.builder().nodeId("n".repeat(101)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nodeId");
        assertThatThrownBy(() -> RetryPolicy.exponential(0, Duration.ZERO, 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxAttempts");
    }

    @Test
    void theBuilderIsCopiedAtBuildTime() {
        MsgsvcBuilder builder = Msgsvc.builder().channel(new RecordingChannel()).nodeId("kept");
        Msgsvc built = builder.build();
        builder.nodeId("changed-later");
        assertThat(built.nodeId()).isEqualTo("kept");
        built.close();
    }

    @Test
    void anEngineStartsOnceAndClosesIdempotently() {
        Msgsvc msgsvc = Msgsvc.builder().channel(new RecordingChannel()).build().start();
        assertThatThrownBy(msgsvc::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("once");
        msgsvc.close();
        msgsvc.close();
        assertThat(msgsvc.isRunning()).isFalse();
    }

    @Test
    void reservationsWaitInTheStoreUntilAnEngineStarts() {
        InMemoryStorage storage = new InMemoryStorage();
        RecordingChannel channel = new RecordingChannel();
        Msgsvc notStarted = Msgsvc.builder().storage(storage).channel(channel).build();
        Reservation r =
                notStarted.reserve(EngineFixture.request("acme", "Hi", "+1").build());
        assertThat(channel.calls()).isEmpty();
        notStarted.close();

        try (Msgsvc running =
                Msgsvc.builder().storage(storage).channel(channel).build().start()) {
            await().until(() ->
                    running.reservation("acme", r.id()).reservation().status() == ReservationStatus.COMPLETED);
            assertThat(channel.recipientsCalled(r.id())).containsExactly("+1");
        }
    }

    @Test
    void inProcessEventsKeepRelayAndProjectionsTogether() {
        assertThatThrownBy(() -> Msgsvc.builder()
                        .channel(new RecordingChannel())
                        .roles(Role.SENDER, Role.RELAY, Role.BILLING)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("go together");
        Msgsvc.builder()
                .channel(new RecordingChannel())
                .roles(Role.SENDER)
                .build()
                .close();
    }

    @Test
    void anEngineWithoutTheSenderRoleSendsNothing() {
        InMemoryStorage storage = new InMemoryStorage();
        RecordingChannel channel = new RecordingChannel();
        try (Msgsvc projector = Msgsvc.builder()
                .storage(storage)
                .channel(channel)
                .roles(Role.RELAY, Role.STATUS, Role.BILLING, Role.STATISTICS, Role.DASHBOARD)
                .build()
                .start()) {
            Reservation r =
                    projector.reserve(EngineFixture.request("acme", "Hi", "+1").build());
            await().until(() -> projector.dashboard("acme", r.id()).status() == ReservationStatus.SCHEDULED);
            assertThat(channel.calls()).isEmpty();
            try (Msgsvc sender = Msgsvc.builder()
                    .storage(storage)
                    .channel(channel)
                    .roles(Role.SENDER)
                    .build()
                    .start()) {
                await().until(() -> projector.dashboard("acme", r.id()).status() == ReservationStatus.COMPLETED);
                assertThat(channel.recipientsCalled(r.id())).containsExactly("+1");
            }
        }
    }

    @Test
    void retryBackoffGrowsUpToItsCap() {
        RetryPolicy p = RetryPolicy.exponential(10, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5));
        assertThat(p.backoffAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.backoffAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.backoffAfter(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(p.backoffAfter(4)).isEqualTo(Duration.ofSeconds(5));
    }
}
