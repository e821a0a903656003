package io.msgsvc.spring.boot.dashboard;

import io.msgsvc.Msgsvc;
import io.msgsvc.Subscription;
import io.msgsvc.api.DashboardView;
import io.msgsvc.spring.boot.dashboard.DashboardJson.Progress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes every changed dashboard row to the open pages that may see it, over Server-Sent Events. The engine calls
 * the listener on its projection thread, so that only queues the row on each stream ({@link DashboardStream}).
 *
 * <p>A write to a page that stopped reading blocks until the container's write timeout, so no page may hold up
 * another: each stream's drain runs on a thread of its own from a pool that grows with the streams being written to
 * (up to {@link #MAX_WRITERS}; a stream the full pool cannot take is disconnected and reconnects). Heartbeats and a
 * watchdog run on a scheduler of their own; the watchdog lets go of a stream whose write has taken longer than
 * {@link #STALLED_WRITE} (it is forgotten at once and ended with an error once its write returns).
 *
 * <p>The rows come from {@link DashboardRows}: with in-process events a node only hears of the rows it projects
 * itself; with Kafka every replica follows the rows the projecting nodes broadcast after their commits.
 */
final class DashboardBroadcaster implements SmartLifecycle {
    /** How long one event's write may take before its page counts as stalled. */
    static final Duration STALLED_WRITE = Duration.ofSeconds(10);
    /** Streams being written to at once; an idle writer thread ends after a minute. */
    static final int MAX_WRITERS = 256;

    private final DashboardRows rows;
    private final MsgsvcDashboardProperties properties;
    private final Duration stalledWrite;
    private final Set<DashboardStream> streams = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threads = new AtomicInteger();
    /** Both made on each start: a paused context starts its beans again (the test framework pauses cached ones). */
    private volatile ThreadPoolExecutor writers;

    private volatile ScheduledThreadPoolExecutor timers;
    private volatile Subscription subscription;

    DashboardBroadcaster(DashboardRows rows, MsgsvcDashboardProperties properties) {
        this(rows, properties, STALLED_WRITE);
    }

    DashboardBroadcaster(Msgsvc msgsvc, MsgsvcDashboardProperties properties, Duration stalledWrite) {
        this(DashboardRows.of(msgsvc), properties, stalledWrite);
    }

    DashboardBroadcaster(DashboardRows rows, MsgsvcDashboardProperties properties, Duration stalledWrite) {
        this.rows = rows;
        this.properties = properties;
        this.stalledWrite = stalledWrite;
    }

    /**
     * Opens a stream of the rows of {@code customerId} (null: of every customer); its first event is {@code ready}.
     */
    SseEmitter open(String customerId) {
        return register(new SseEmitter(properties.streamTimeout().toMillis()), customerId);
    }

    SseEmitter register(SseEmitter emitter, String customerId) {
        ThreadPoolExecutor current = writers;
        if (current == null || !isRunning()) {
            emitter.complete();
            return emitter;
        }
        DashboardStream stream = new DashboardStream(emitter, customerId, properties.clientQueue(), current);
        streams.add(stream);
        emitter.onCompletion(() -> streams.remove(stream));
        emitter.onTimeout(stream::close);
        emitter.onError(error -> stream.close());
        if (!isRunning() || !stream.ready()) {
            streams.remove(stream);
            stream.close();
        }
        return emitter;
    }

    private void onChange(DashboardView view) {
        Progress row = null;
        for (DashboardStream stream : streams) {
            if (stream.wants(view.customerId())) {
                row = row != null ? row : Progress.of(view);
                if (!stream.offer(row)) {
                    streams.remove(stream);
                }
            }
        }
    }

    private void heartbeat() {
        streams.removeIf(stream -> !stream.heartbeat());
    }

    private void watchdog() {
        long now = System.nanoTime();
        streams.removeIf(stream -> stream.stalled(now, stalledWrite.toNanos()));
    }

    int openStreams() {
        return streams.size();
    }

    @Override
    public void start() {
        ThreadPoolExecutor startedWriters = new ThreadPoolExecutor(
                0, MAX_WRITERS, 1, TimeUnit.MINUTES, new SynchronousQueue<>(), daemon("msgsvc-dashboard-sse-"));
        ScheduledThreadPoolExecutor startedTimers =
                new ScheduledThreadPoolExecutor(1, daemon("msgsvc-dashboard-sse-timer-"));
        startedTimers.setRemoveOnCancelPolicy(true);
        long every = properties.heartbeat().toMillis();
        startedTimers.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
        long check = Math.max(1, stalledWrite.toMillis() / 4);
        startedTimers.scheduleWithFixedDelay(this::watchdog, check, check, TimeUnit.MILLISECONDS);
        writers = startedWriters;
        timers = startedTimers;
        subscription = rows.follow(this::onChange);
    }

    private ThreadFactory daemon(String prefix) {
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Runs before the web server's graceful shutdown (a higher phase), which would otherwise wait for the streams. */
    @Override
    public void stop() {
        Subscription current = subscription;
        subscription = null;
        if (current != null) {
            current.close();
        }
        ScheduledThreadPoolExecutor stoppedTimers = timers;
        timers = null;
        if (stoppedTimers != null) {
            stoppedTimers.shutdownNow();
        }
        ThreadPoolExecutor stopped = writers;
        writers = null;
        if (stopped != null) {
            stopped.shutdownNow();
        }
        streams.forEach(DashboardStream::close);
        streams.clear();
    }

    @Override
    public boolean isRunning() {
        return subscription != null;
    }
}
