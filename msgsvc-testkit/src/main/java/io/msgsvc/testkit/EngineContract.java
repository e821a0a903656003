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

    /** A fresh, empty storage. */
    protected abstract Storage newStorage();

    /** Frees what {@link #newStorage()} opened (connection pools...), after the engines on it stopped. */
    protected void release(Storage storage) {}

    /** Engine settings every test of the suite runs with (the default changes nothing). */
    protected MsgsvcBuilder configure(MsgsvcBuilder builder) {
        return builder;
    }

    /** A started engine on a fresh storage, with the suite's settings as changed by {@code customize}. */
    protected EngineFixture engine(UnaryOperator<MsgsvcBuilder> customize) {
        EngineFixture f = new EngineFixture(newStorage(), b -> customize.apply(configure(b)));
        fixtures.add(f);
        return f;
    }

    protected EngineFixture engine() {
        return engine(b -> b);
    }

    /** A started engine sending through {@code channel} (one that holds a call on a latch, say). */
    protected EngineFixture engine(RecordingChannel channel, UnaryOperator<MsgsvcBuilder> customize) {
        EngineFixture f = new EngineFixture(newStorage(), channel, b -> customize.apply(configure(b)));
        fixtures.add(f);
        return f;
    }

    /** A started engine whose channel reports delivery ({@link RecordingChannel#reporting()}). */
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

    /** Waits until both the reservation and its dashboard row show {@code status}. */
    protected static void awaitStatus(EngineFixture f, String customer, ReservationId id, ReservationStatus status) {
        await().atMost(WAIT)
                .until(() -> f.msgsvc.reservation(customer, id).reservation().status() == status
                        && f.msgsvc.dashboard(customer, id).status() == status);
    }

    /** For a channel that holds a call until the test lets it go. */
    protected static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
