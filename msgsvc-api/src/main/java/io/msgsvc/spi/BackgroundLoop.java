package io.msgsvc.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one shape of every background job in msgsvc and its adapters: run a step, wait as long as the step asked or
 * until someone {@linkplain #wake() wakes} the loop, back off after a failure, and end when asked to stop. Each loop
 * has one daemon thread of its own, so a loop left running never keeps the host's JVM alive.
 *
 * <pre>{@code
 * BackgroundLoop relay = BackgroundLoop.named("msgsvc-relay")
 *         .backoff(Duration.ofMillis(50), Duration.ofSeconds(5))
 *         .onFailure((e, retryIn) -> log.warn("relaying failed; retrying in {}", retryIn, e))
 *         .start(this::relayOnce);
 * relay.wake();   // news: run the next step now
 * relay.stop();   // the step in progress finishes, then the loop ends
 * }</pre>
 */
public final class BackgroundLoop {

    /** One round of a loop's work. */
    @FunctionalInterface
    public interface Step {
        /**
         * Does one round of work.
         *
         * @return how long to wait before the next round, unless woken earlier; {@link Duration#ZERO} for at once
         * @throws InterruptedException ends the loop
         * @throws Exception            a failed round: the loop tells the failure listener and backs off
         */
        Duration run() throws Exception;
    }

    /** Told of each failed round. */
    @FunctionalInterface
    public interface FailureListener {
        /**
         * @param failure what the round (or the stop work) threw; told on the loop's thread
         * @param retryIn how long the loop waits before the next round; null for a failure of the work done on
         *                stopping, which is not retried
         */
        void failed(Exception failure, Duration retryIn);
    }

    private final Step step;
    private final FailureListener failureListener;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final Duration firstRunAfter;
    private final Runnable onStop;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private boolean woken;
    private volatile boolean running = true;

    private BackgroundLoop(Builder b, Step step) {
        this.step = step;
        this.failureListener = b.failureListener;
        this.firstBackoff = b.firstBackoff;
        this.maxBackoff = b.maxBackoff;
        this.firstRunAfter = b.firstRunAfter;
        this.onStop = b.onStop;
        this.thread = new Thread(this::loop, b.threadName);
        thread.setDaemon(true);
    }

    /**
     * A loop whose thread has this name.
     *
     * @param threadName the thread's name, not null
     * @return a builder with the defaults: back off 1 s after a failure, report failures nowhere, first round at
     *     once, no stop work
     */
    public static Builder named(String threadName) {
        return new Builder(Objects.requireNonNull(threadName, "threadName"));
    }

    /**
     * Starts the loop's thread.
     *
     * @return this loop
     * @throws IllegalThreadStateException if it was started before
     */
    public BackgroundLoop start() {
        thread.start();
        return this;
    }

    /** Runs the next step now, or right after the one in progress; a wake before any wait is not lost. */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            wakeUp.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Asks the loop to end: a step in progress finishes, no other begins, then the stop work runs. A loop never
     * started does nothing, not even its stop work.
     */
    public void stop() {
        running = false;
        wake();
    }

    /**
     * False once {@link #stop()} was called: a step that loops inside itself should return.
     *
     * @return true until stopped (or until the loop ended)
     */
    public boolean isRunning() {
        return running;
    }

    /**
     * Waits up to {@code timeout} for the loop's thread to end; true if it did.
     *
     * @param timeout how long to wait at most, not null; the wait does not ask the loop to {@link #stop()}
     * @return true if the thread has ended (an interrupt ends the wait early, and stays set)
     */
    public boolean awaitStop(Duration timeout) {
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    private void loop() {
        try {
            if (!firstRunAfter.isZero() && !await(firstRunAfter)) {
                return;
            }
            Duration backoff = firstBackoff;
            while (running) {
                Duration wait;
                try {
                    wait = step.run();
                    backoff = firstBackoff;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    if (!running) {
                        return; // stopping often breaks the step's resources: nothing to report
                    }
                    failureListener.failed(e, backoff);
                    wait = backoff;
                    Duration doubled = backoff.multipliedBy(2);
                    backoff = doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
                }
                if (!await(wait)) {
                    return;
                }
            }
        } finally {
            finish();
        }
    }

    /** Waits up to {@code timeout} unless woken meanwhile (or before); false if interrupted. */
    private boolean await(Duration timeout) {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (!woken && nanos > 0) {
                nanos = wakeUp.awaitNanos(nanos);
            }
            woken = false;
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** The stop work, with an interrupt set aside meanwhile: clients such as Kafka's refuse to close when it is set. */
    private void finish() {
        running = false;
        boolean interrupted = Thread.interrupted();
        try {
            if (onStop != null) {
                onStop.run();
            }
        } catch (RuntimeException e) {
            failureListener.failed(e, null);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Configures a loop; {@link #build(Step)} makes it, {@link #start(Step)} makes and starts it. */
    public static final class Builder {
        private final String threadName;
        private FailureListener failureListener = (e, retryIn) -> {};
        private Duration firstBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(1);
        private Duration firstRunAfter = Duration.ZERO;
        private Runnable onStop;

        private Builder(String threadName) {
            this.threadName = threadName;
        }

        /**
         * After a failed round, wait {@code first}, doubling up to {@code max} while rounds keep failing.
         *
         * @param first the wait after the first failure, above zero; default 1 s
         * @param max   the longest wait, at least {@code first}; default 1 s
         * @return this builder
         * @throws IllegalArgumentException unless {@code 0 < first <= max}
         */
        public Builder backoff(Duration first, Duration max) {
            if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
                throw new IllegalArgumentException("need 0 < first <= max, were " + first + " and " + max);
            }
            this.firstBackoff = first;
            this.maxBackoff = max;
            return this;
        }

        /**
         * Where failed rounds are reported (logged, usually); default nowhere.
         *
         * @param listener told of each failure, not null
         * @return this builder
         */
        public Builder onFailure(FailureListener listener) {
            this.failureListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Waits this long before the first round; default not at all.
         *
         * @param delay the wait, not null; a {@link BackgroundLoop#wake()} cuts it short
         * @return this builder
         */
        public Builder firstRunAfter(Duration delay) {
            this.firstRunAfter = Objects.requireNonNull(delay, "delay");
            return this;
        }

        /**
         * Work done on the loop's thread after the last round: closing what the steps opened, a last drain.
         *
         * @param work the stop work, not null; a runtime exception it throws goes to the failure listener
         * @return this builder
         */
        public Builder onStop(Runnable work) {
            this.onStop = Objects.requireNonNull(work, "work");
            return this;
        }

        /**
         * A loop that runs {@code step}, to be {@link BackgroundLoop#start() started} later.
         *
         * @param step the round's work, not null
         * @return the loop, not started
         */
        public BackgroundLoop build(Step step) {
            return new BackgroundLoop(this, Objects.requireNonNull(step, "step"));
        }

        /**
         * A loop that runs {@code step}, started.
         *
         * @param step the round's work, not null
         * @return the running loop
         */
        public BackgroundLoop start(Step step) {
            return build(step).start();
        }
    }
}
