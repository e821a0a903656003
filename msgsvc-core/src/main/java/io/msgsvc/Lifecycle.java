package io.msgsvc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An engine's life: it starts once and closes once, and on closing stops sending before anything else. */
final class Lifecycle {
    private static final Logger log = LoggerFactory.getLogger(Msgsvc.class);

    private enum State {
        NEW,
        RUNNING,
        STOPPED
    }

    private final EngineConfig config;
    private final Background background;
    private final Object lock = new Object();
    /** Written under the lock, read without it so a caller is not held up by a slow close. */
    private volatile State state = State.NEW;

    Lifecycle(EngineConfig config, Background background) {
        this.config = config;
        this.background = background;
    }

    void start() {
        synchronized (lock) {
            if (state != State.NEW) {
                throw new IllegalStateException("an engine starts once; this one is " + state);
            }
            background.start();
            state = State.RUNNING;
            log.info("msgsvc node {} started as {}", config.nodeId(), config.roles());
        }
    }

    void close() {
        synchronized (lock) {
            if (state == State.STOPPED) {
                return;
            }
            // stop sending first: whoever sees isRunning() == false may rely on no new send beginning
            background.stopSending();
            state = State.STOPPED;
            background.finish();
            log.info("msgsvc node {} stopped", config.nodeId());
        }
    }

    boolean isRunning() {
        return state == State.RUNNING;
    }
}
