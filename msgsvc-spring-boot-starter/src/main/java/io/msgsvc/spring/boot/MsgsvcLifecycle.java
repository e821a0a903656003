package io.msgsvc.spring.boot;

import io.msgsvc.Msgsvc;
import java.util.Objects;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the engine once the context's beans are all created, and stops it when the context closes: no new send
 * begins, sends in flight end and are recorded, leases are released, written events are projected (up to
 * {@code msgsvc.shutdown-timeout}). An engine starts once: a context that is stopped and started again needs a new
 * engine (refresh it).
 */
public class MsgsvcLifecycle implements SmartLifecycle {
    /**
     * {@code SmartLifecycle.DEFAULT_PHASE - 4096}. Lower phases start earlier and stop later. Spring Boot's web server
     * starts and stops at {@code DEFAULT_PHASE - 2048}, and with {@code server.shutdown=graceful} drains the requests
     * in flight at {@code DEFAULT_PHASE - 1024}, before that. This phase therefore starts the engine before the server
     * takes the first request, and stops it only after the server stopped taking requests and the last request
     * that might register a reservation ended; the application's own lifecycle beans (the default phase: message
     * listeners, schedulers) stop before it too. Every lifecycle bean stops before any bean is destroyed, so the
     * engine has stopped before the DataSource (a bean it depends on) closes.
     */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final Msgsvc msgsvc;
    private volatile boolean running;

    /** @param msgsvc the engine to start and stop with the application context */
    public MsgsvcLifecycle(Msgsvc msgsvc) {
        this.msgsvc = Objects.requireNonNull(msgsvc, "msgsvc");
    }

    @Override
    public void start() {
        synchronized (this) {
            if (!msgsvc.isRunning()) {
                msgsvc.start(); // an engine the application started itself is left as it is
            }
            running = true;
        }
    }

    /** Waits for the engine to stop, up to its shutdown timeout (it does not hand off to another thread). */
    @Override
    public void stop() {
        synchronized (this) {
            running = false;
            msgsvc.close();
        }
    }

    @Override
    public boolean isRunning() {
        return running && msgsvc.isRunning();
    }

    /** An engine starts once: a context paused and restarted must not try to start it again. */
    @Override
    public boolean isPauseable() {
        return false;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
