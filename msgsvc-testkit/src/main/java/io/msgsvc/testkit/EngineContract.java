package io.msgsvc.testkit;

import static org.awaitility.Awaitility.await;

import io.msgsvc.MsgsvcBuilder;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.spi.Storage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;

/**
 * What the engine-level contract suites share: engines on fresh storages of the adapter under test, each closed and
 * its storage released after the test.
 */
public abstract class EngineContract {
    /** The longest a test waits for the engine to reach a state. */
    protected static final Duration WAIT = Duration.ofSeconds(20);

    private final List<EngineFixture> fixtures = new ArrayList<>();

    /** {@return a fresh, empty storage} */
    protected abstract Storage newStorage();

    /**
     * Frees what {@link #newStorage()} opened (connection pools...), after the engines on it stopped.
     *
     * @param storage a storage {@link #newStorage()} returned
     */
    protected void release(Storage storage) {}

    /**
     * Applies engine settings every test of the suite runs with (the default changes nothing).
     *
     * @param builder the fixture's settings
     * @return the builder with the suite's settings
     */
    protected MsgsvcBuilder configure(MsgsvcBuilder builder) {
        return builder;
    }

    /**
     * {@return a started engine on a fresh storage}, closed after the test
     *
     * @param customize changes to the suite's settings
     */
    protected EngineFixture engine(UnaryOperator<MsgsvcBuilder> customize) {
        EngineFixture f = new EngineFixture(newStorage(), b -> customize.apply(configure(b)));
        fixtures.add(f);
        return f;
    }

    /** {@return a started engine on a fresh storage with the suite's settings}, closed after the test */
    protected EngineFixture engine() {
        return engine(b -> b);
    }

    /**
     * {@return a started engine on a fresh storage sending through {@code channel}}, closed after the test
     *
     * @param channel the channel (one that holds a call on a latch, say)
     * @param customize changes to the suite's settings
     */
    protected EngineFixture engine(RecordingChannel channel, UnaryOperator<MsgsvcBuilder> customize) {
        EngineFixture f = new EngineFixture(newStorage(), channel, b -> customize.apply(configure(b)));
        fixtures.add(f);
        return f;
    }

    /**
     * {@return a started engine on a fresh storage whose channel reports delivery}, closed after the test
     *
     * @param customize changes to the suite's settings
     * @see RecordingChannel#reporting()
     */
    protected EngineFixture reportingEngine(UnaryOperator<MsgsvcBuilder> customize) {
        EngineFixture f =
                new EngineFixture(newStorage(), RecordingChannel.reporting(), b -> customize.apply(configure(b)));
        fixtures.add(f);
        return f;
    }

    @AfterEach
    void closeEngines() {
        fixtures.forEach(EngineFixture::close);
        fixtures.forEach(f -> release(f.storage));
    }

    /**
     * Waits, up to {@link #WAIT}, until both the reservation and its dashboard row show {@code status}.
     *
     * @param f the engine
     * @param customer the reservation's customer
     * @param id the reservation
     * @param status the status awaited
     */
    protected static void awaitStatus(EngineFixture f, String customer, ReservationId id, ReservationStatus status) {
        await().atMost(WAIT)
                .until(() -> f.msgsvc.reservation(customer, id).reservation().status() == status
                        && f.msgsvc.dashboard(customer, id).status() == status);
    }

    /**
     * Waits up to 30 s for {@code latch}, keeping the interrupt flag if interrupted: for a channel that holds a call
     * until the test lets it go.
     *
     * @param latch the latch the test counts down
     */
    protected static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
