package io.msgsvc.spring.boot.dashboard;

import io.msgsvc.Msgsvc;
import io.msgsvc.Subscription;
import io.msgsvc.api.DashboardView;
import io.msgsvc.spring.boot.dashboard.DashboardJson.Progress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes every changed dashboard row to the open pages that may see it, over Server-Sent Events. The engine calls
 * the listener on its projection thread, so that only queues the row on each stream ({@link DashboardStream}); two
 * writer threads, shared by all the streams, write them out and send each stream a heartbeat.
 *
 * <p>With several nodes and in-process events a node only hears of the rows it projects itself; a broker transport
 * that delivers every event to every node lifts that.
 */
final class DashboardBroadcaster implements SmartLifecycle {
    private static final int WRITER_THREADS = 2;

    private final Msgsvc msgsvc;
    private final MsgsvcDashboardProperties properties;
    private final Set<DashboardStream> streams = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threads = new AtomicInteger();
    /** Made on each start: a paused context starts its beans again (the test framework pauses cached contexts). */
    private volatile ScheduledThreadPoolExecutor writers;

    private volatile Subscription subscription;

    DashboardBroadcaster(Msgsvc msgsvc, MsgsvcDashboardProperties properties) {
        this.msgsvc = msgsvc;
        this.properties = properties;
    }

    /**
     * Opens a stream of the rows of {@code customerId} (null: of every customer); its first event is {@code ready}.
     */
    SseEmitter open(String customerId) {
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        ScheduledThreadPoolExecutor current = writers;
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

    int openStreams() {
        return streams.size();
    }

    @Override
    public void start() {
        ScheduledThreadPoolExecutor started = new ScheduledThreadPoolExecutor(WRITER_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "msgsvc-dashboard-sse-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        started.setRemoveOnCancelPolicy(true);
        long every = properties.heartbeat().toMillis();
        started.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
        writers = started;
        subscription = msgsvc.subscribeDashboard(this::onChange);
    }

    /** Runs before the web server's graceful shutdown (a higher phase), which would otherwise wait for the streams. */
    @Override
    public void stop() {
        Subscription current = subscription;
        subscription = null;
        if (current != null) {
            current.close();
        }
        ScheduledThreadPoolExecutor stopped = writers;
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
