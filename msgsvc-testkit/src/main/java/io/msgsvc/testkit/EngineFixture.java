package io.msgsvc.testkit;

import io.msgsvc.Msgsvc;
import io.msgsvc.MsgsvcBuilder;
import io.msgsvc.RetryPolicy;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.spi.Storage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * One started engine on a manual clock and a recording channel, with every event it tells kept for assertions; the
 * contract suites and the engine's own tests build on it. Engines built here look for due work whenever the clock
 * moves.
 */
public final class EngineFixture implements AutoCloseable {
    /** Where the manual clock starts. */
    public static final String T0 = "2026-01-01T09:00:00Z";

    public final ManualClock clock = ManualClock.startingAt(T0);
    public final RecordingChannel channel;
    public final List<ReservationEvent> events = new CopyOnWriteArrayList<>();
    public final Storage storage;
    public final Msgsvc msgsvc;
    private final List<Msgsvc> engines = new ArrayList<>();

    /** Starts an engine on {@code storage} with the fixture's settings as changed by {@code customize}. */
    public EngineFixture(Storage storage, UnaryOperator<MsgsvcBuilder> customize) {
        this(storage, new RecordingChannel(), customize);
    }

    /** The same, sending through {@code channel} (e.g. {@link RecordingChannel#reporting()}). */
    public EngineFixture(Storage storage, RecordingChannel channel, UnaryOperator<MsgsvcBuilder> customize) {
        this.storage = storage;
        this.channel = channel;
        this.msgsvc = driven(customize.apply(baseBuilder()).build()).start();
    }

    /** The fixture's settings: manual clock, recording channel, short waits, three attempts 10 s apart. */
    public MsgsvcBuilder baseBuilder() {
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

    /** Another engine (node) on the same storage, channel and clock, not started yet; closed with the fixture. */
    public Msgsvc anotherNode(UnaryOperator<MsgsvcBuilder> customize) {
        return driven(customize
                .apply(Msgsvc.builder()
                        .storage(storage)
                        .channel(channel)
                        .clock(clock)
                        .pollInterval(Duration.ofMillis(200))
                        .shutdownTimeout(Duration.ofSeconds(5)))
                .build());
    }

    private Msgsvc driven(Msgsvc engine) {
        clock.onChange(engine::checkDueNow);
        engines.add(engine);
        return engine;
    }

    /** A request builder with customer, text and recipients set. */
    public static ReservationRequest.Builder request(String customer, String text, String... recipients) {
        return ReservationRequest.builder().customerId(customer).text(text).recipients(Arrays.asList(recipients));
    }

    /** The events of one type told so far, in the order told. */
    public <T extends ReservationEvent> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Closes the other nodes, then the first engine. */
    @Override
    public void close() {
        for (int i = engines.size() - 1; i >= 0; i--) {
            engines.get(i).close();
        }
    }
}
