package io.msgsvc.spring.boot.dashboard;

import io.msgsvc.spring.boot.dashboard.DashboardJson.Progress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open page's live stream. Updates wait in a bounded queue that keeps only the newest state of each reservation;
 * a writer pool drains it, one drain per stream at a time, so the events of a stream keep their order and no
 * thread waits on any one page. A page that falls {@code capacity} reservations behind is disconnected: the browser
 * reconnects and reads the list afresh, which costs less than holding its backlog. A page whose write hangs is let go
 * by the broadcaster's watchdog ({@link #stalled}); the response is ended by the drain once that write returns, as
 * the emitter cannot be completed while a write holds it.
 */
final class DashboardStream {
    private static final String READY = "\0ready";
    private static final String HEARTBEAT = "\0heartbeat";

    private final SseEmitter emitter;
    private final String customerId;
    private final int capacity;
    private final Executor writers;
    private final Map<String, Object> waiting = new LinkedHashMap<>();
    private boolean writing;
    private boolean closed;
    /** When the write in progress began (System.nanoTime), or null between writes. */
    private Long sendingSince;

    private boolean stalled;

    /** @param customerId whose rows this stream carries; null for every customer's (an operator's page) */
    DashboardStream(SseEmitter emitter, String customerId, int capacity, Executor writers) {
        this.emitter = emitter;
        this.customerId = customerId;
        this.capacity = capacity;
        this.writers = writers;
    }

    SseEmitter emitter() {
        return emitter;
    }

    boolean wants(String customer) {
        return customerId == null || customerId.equals(customer);
    }

    /** The first event: from here on the page misses no change, so it reads the list after this. */
    boolean ready() {
        return enqueue(READY, new Ready(customerId));
    }

    boolean heartbeat() {
        return enqueue(HEARTBEAT, HEARTBEAT);
    }

    /** False when the stream is closed, now or before: the caller forgets it. */
    boolean offer(Progress row) {
        return enqueue(row.reservationId(), row);
    }

    private boolean enqueue(String key, Object event) {
        boolean startDrain;
        boolean open;
        synchronized (this) {
            if (closed) {
                return false;
            }
            waiting.put(key, event); // a newer state of a waiting reservation takes the older one's place
            if (waiting.size() > capacity) {
                closed = true; // the drain ends the response
                waiting.clear();
            }
            open = !closed;
            startDrain = !writing;
            writing = true;
        }
        if (startDrain) {
            try {
                writers.execute(this::drain);
            } catch (RejectedExecutionException shuttingDownOrEveryWriterBusy) {
                synchronized (this) {
                    writing = false; // no drain will run
                }
                close();
                return false;
            }
        }
        return open;
    }

    private void drain() {
        while (true) {
            List<Object> batch;
            synchronized (this) {
                if (closed || waiting.isEmpty()) {
                    writing = false;
                    break;
                }
                batch = new ArrayList<>(waiting.values());
                waiting.clear();
            }
            for (Object event : batch) {
                if (!send(event)) {
                    synchronized (this) {
                        closed = true;
                        waiting.clear();
                        writing = false;
                    }
                    end(null);
                    return;
                }
            }
        }
        if (isClosed()) { // closed for falling behind or stalling, or by close() meanwhile: the browser reconnects
            end(stalledOut() ? new IOException("the page stopped reading its live stream") : null);
        }
    }

    /** Ends the response; one the container already ended (the page went away) needs nothing more. */
    private void end(Throwable error) {
        try {
            if (error != null) {
                emitter.completeWithError(error);
            } else {
                emitter.complete();
            }
        } catch (IllegalStateException alreadyEnded) {
            // Tomcat refuses to dispatch an async request whose error handling has run: it is over already
        }
    }

    private boolean send(Object event) {
        synchronized (this) {
            if (closed) {
                return true; // the loop ends the response
            }
            sendingSince = System.nanoTime();
        }
        try {
            return write(event);
        } finally {
            synchronized (this) {
                sendingSince = null;
            }
        }
    }

    /**
     * Whether a write has taken longer than {@code limitNanos} by {@code now}: then the stream is closed (the caller
     * forgets it) and is ended with an error once the write returns.
     */
    synchronized boolean stalled(long now, long limitNanos) {
        if (sendingSince == null || now - sendingSince <= limitNanos) {
            return false;
        }
        stalled = true;
        closed = true;
        waiting.clear();
        return true;
    }

    private synchronized boolean stalledOut() {
        return stalled;
    }

    private boolean write(Object event) {
        try {
            if (event instanceof Progress row) {
                emitter.send(SseEmitter.event().name("reservation").data(row, MediaType.APPLICATION_JSON));
            } else if (event instanceof Ready ready) {
                emitter.send(SseEmitter.event().name("ready").data(ready, MediaType.APPLICATION_JSON));
            } else {
                emitter.send(SseEmitter.event().comment("keep-alive"));
            }
            return true;
        } catch (IOException | IllegalStateException pageGone) {
            return false;
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Stops writing and ends the response: now, or when a drain is under way, when it ends. */
    void close() {
        boolean draining;
        synchronized (this) {
            closed = true;
            waiting.clear();
            draining = writing;
        }
        if (!draining) {
            end(null); // no write holds the emitter, so this does not wait on the page
        }
    }

    /** @param customerId whose rows follow; null for every customer's */
    record Ready(String customerId) {}
}
