package io.msgsvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.memory.InProcessEventTransport;
import io.msgsvc.spi.EventTransport;
import io.msgsvc.spi.TransportHealth;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The event transport's broker in the engine's health: down makes the node degraded, never unhealthy. */
class TransportHealthTest {

    @Test
    void theInProcessTransportIsReachableAndTheNodeNotDegraded() {
        try (Msgsvc engine = engine(new InProcessEventTransport())) {
            MsgsvcHealth health = engine.health();
            assertThat(health.transport().reachable()).isTrue();
            assertThat(health.transport().transport()).isEqualTo("InProcessEventTransport");
            assertThat(health.transportReachable()).isTrue();
            assertThat(health.degraded()).isFalse();
            assertThat(health.healthy()).isTrue();
        }
    }

    @Test
    void aBrokerThatDoesNotAnswerDegradesTheNodeWhichStaysHealthy() {
        BrokerStandIn broker = new BrokerStandIn();
        try (Msgsvc engine = engine(broker)) {
            broker.health = TransportHealth.unreachable("broker:9092", "connection refused", Instant.EPOCH);
            MsgsvcHealth down = engine.health();
            assertThat(down.healthy()).isTrue();
            assertThat(down.degraded()).isTrue();
            assertThat(down.transport().problem()).isEqualTo("connection refused");

            broker.health = TransportHealth.reachable("broker:9092", Instant.EPOCH);
            assertThat(engine.health().degraded()).isFalse();

            engine.close();
            assertThat(engine.health().healthy()).isFalse();
            assertThat(engine.health().degraded())
                    .as("a stopped node is down, not degraded")
                    .isFalse();
        }
    }

    @Test
    void aHealthHookThatThrowsIsReportedAsTheProblem() {
        BrokerStandIn broker = new BrokerStandIn();
        broker.failure = new IllegalStateException("no idea");
        try (Msgsvc engine = engine(broker)) {
            MsgsvcHealth health = engine.health();
            assertThat(health.degraded()).isTrue();
            assertThat(health.transport().problem()).contains("no idea");
        }
    }

    @Test
    void aMissingOrMisplacedProblemIsRefusedNamingTheField() {
        assertThatThrownBy(() -> new TransportHealth("t", false, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("problem");
        assertThatThrownBy(() -> new TransportHealth("t", true, "why", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("problem");
    }

    private static Msgsvc engine(EventTransport transport) {
        return Msgsvc.builder()
                .storage(new InMemoryStorage())
                .channel(m -> SendOutcome.accepted("ref"))
                .eventTransport(transport)
                .build()
                .start();
    }

    /** An in-process hand-over that says what a broker's transport would. */
    private static final class BrokerStandIn implements EventTransport {
        private final InProcessEventTransport delegate = new InProcessEventTransport();
        volatile TransportHealth health = TransportHealth.reachable("broker:9092", null);
        volatile RuntimeException failure;

        @Override
        public void subscribe(String consumerName, Consumer<List<ReservationEvent>> handler) {
            delegate.subscribe(consumerName, handler);
        }

        @Override
        public void start() {
            delegate.start();
        }

        @Override
        public void publish(List<ReservationEvent> events) {
            delegate.publish(events);
        }

        @Override
        public TransportHealth health() {
            if (failure != null) {
                throw failure;
            }
            return health;
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
