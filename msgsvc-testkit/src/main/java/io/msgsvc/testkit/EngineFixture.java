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

    /** The clock of every engine here, starting at {@link #T0}. */
    public final ManualClock clock = ManualClock.startingAt(T0);
    /** The channel every engine here sends through. */
    public final RecordingChannel channel;
    /** The events the first engine told, in the order told. */
    public final List<ReservationEvent> events = new CopyOnWriteArrayList<>();
    /** The storage every engine here shares. */
    public final Storage storage;
    /** The first engine, started. */
    public final Msgsvc msgsvc;

    private final List<Msgsvc> engines = new ArrayList<>();

    /**
     * Starts an engine on {@code storage}, sending through a new {@link RecordingChannel} that accepts everything.
     *
     * @param storage the storage under test
     * @param customize changes to the fixture's settings ({@link #baseBuilder()})
     */
    public EngineFixture(Storage storage, UnaryOperator<MsgsvcBuilder> customize) {
        this(storage, new RecordingChannel(), customize);
    }

    /**
     * Starts an engine on {@code storage}, sending through {@code channel}.
     *
     * @param storage the storage under test
     * @param channel the channel, e.g. {@link RecordingChannel#reporting()}
     * @param customize changes to the fixture's settings ({@link #baseBuilder()})
     */
    public EngineFixture(Storage storage, RecordingChannel channel, UnaryOperator<MsgsvcBuilder> customize) {
        this.storage = storage;
        this.channel = channel;
        this.msgsvc = driven(customize.apply(baseBuilder()).build()).start();
    }

    /**
     * {@return the fixture's settings}: its storage, channel and clock, short waits, three attempts 10 s apart, and a
     * listener keeping the events in {@link #events}
     */
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

    /**
     * {@return another engine (node) on the same storage, channel and clock, not started yet}; it is closed with the
     * fixture, and its events are not kept
     *
     * @param customize changes to its settings: the fixture's poll interval and shutdown wait, defaults otherwise
     */
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

    /**
     * {@return a request builder with customer, text and recipients set}
     *
     * @param customer the customer id
     * @param text the message text
     * @param recipients the recipients, in order
     */
    public static ReservationRequest.Builder request(String customer, String text, String... recipients) {
        return ReservationRequest.builder().customerId(customer).text(text).recipients(Arrays.asList(recipients));
    }

    /**
     * {@return the first engine's events of one type told so far, in the order told}
     *
     * @param <T> the event type
     * @param type its class
     */
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
