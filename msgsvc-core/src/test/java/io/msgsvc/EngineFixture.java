package io.msgsvc;

import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.ManualClock;
import io.msgsvc.testkit.RecordingChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/** One engine on a manual clock and a recording channel, with every event it tells kept for assertions. */
final class EngineFixture implements AutoCloseable {
    static final String T0 = "2026-01-01T09:00:00Z";

    final ManualClock clock = ManualClock.startingAt(T0);
    final RecordingChannel channel = new RecordingChannel();
    final List<ReservationEvent> events = new CopyOnWriteArrayList<>();
    final Storage storage;
    final Msgsvc msgsvc;
    private final List<Msgsvc> others = new ArrayList<>();

    EngineFixture(Storage storage, UnaryOperator<Msgsvc.Builder> customize) {
        this.storage = storage;
        this.msgsvc = customize.apply(baseBuilder()).build().start();
    }

    Msgsvc.Builder baseBuilder() {
        return Msgsvc.builder()
                .storage(storage)
                .channel(channel)
                .clock(clock)
                .retryPolicy(RetryPolicy.exponential(3, Duration.ofSeconds(10), 2.0, Duration.ofMinutes(1)))
                .channelTimeout(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(200))
                .shutdownTimeout(Duration.ofSeconds(5))
                .eventListener(events::add);
    }

    /** Another engine (node) on the same storage and clock; closed with the fixture. */
    Msgsvc anotherNode(UnaryOperator<Msgsvc.Builder> customize) {
        Msgsvc node = customize
                .apply(Msgsvc.builder()
                        .storage(storage)
                        .channel(channel)
                        .clock(clock)
                        .pollInterval(Duration.ofMillis(200))
                        .shutdownTimeout(Duration.ofSeconds(5)))
                .build();
        others.add(node);
        return node;
    }

    static ReservationRequest.Builder request(String customer, String text, String... recipients) {
        return ReservationRequest.builder().customerId(customer).text(text).recipients(Arrays.asList(recipients));
    }

    <T extends ReservationEvent> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void close() {
        others.forEach(Msgsvc::close);
        msgsvc.close();
    }
}
