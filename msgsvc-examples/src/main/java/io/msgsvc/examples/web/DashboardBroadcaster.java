package io.msgsvc.examples.web;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.msgsvc.Msgsvc;
import io.msgsvc.Subscription;
import io.msgsvc.api.DashboardView;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.Reservation;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes the dashboard read model to each customer's open pages over Server-Sent Events: every changed dashboard
 * row of that customer ({@code reservation} events), and its statistics and bill at most once per
 * {@code totalsInterval} ({@code totals} events). A new stream starts with a {@code snapshot} of both.
 *
 * <p>The engine calls listeners on its projection thread, so this only queues the work; one sender thread does
 * every write, which keeps each stream's events in the order the rows changed.
 *
 * <p>With several nodes and in-process events a node only sees the rows it projects itself; a broker transport
 * that delivers every event to every node lifts that.
 */
@Component
public class DashboardBroadcaster implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(DashboardBroadcaster.class);

    private final Msgsvc msgsvc;
    private final ExampleProperties.Dashboard settings;
    private final Map<String, Set<SseEmitter>> streamsByCustomer = new ConcurrentHashMap<>();
    private final Set<String> customersWithChanges = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dashboard-sse");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Subscription subscription;

    DashboardBroadcaster(Msgsvc msgsvc, ExampleProperties properties, MeterRegistry meterRegistry) {
        this.msgsvc = msgsvc;
        this.settings = properties.dashboard();
        Gauge.builder("msgsvc.dashboard.streams", this, DashboardBroadcaster::openStreams)
                .description("Dashboard pages connected to this node")
                .register(meterRegistry);
    }

    /** Opens a stream for {@code customerId}; its first event is the snapshot. */
    public SseEmitter open(String customerId) {
        SseEmitter emitter = new SseEmitter(settings.streamTimeout().toMillis());
        streamsByCustomer.compute(customerId, (customer, streams) -> {
            Set<SseEmitter> set = streams != null ? streams : ConcurrentHashMap.newKeySet();
            set.add(emitter);
            return set;
        });
        emitter.onCompletion(() -> forget(customerId, emitter));
        emitter.onTimeout(emitter::complete);
        emitter.onError(error -> forget(customerId, emitter));
        if (!submit(() -> sendSnapshot(customerId, emitter))) {
            emitter.complete();
        }
        return emitter;
    }

    private void sendSnapshot(String customerId, SseEmitter emitter) {
        try {
            send(customerId, emitter, "snapshot", snapshot(customerId));
        } catch (RuntimeException e) {
            // the page reconnects by itself and asks again
            log.warn("could not read the dashboard snapshot of {}", customerId, e);
            drop(customerId, emitter, e);
        }
    }

    private void onChange(DashboardView view) {
        String customerId = view.customerId();
        if (!streamsByCustomer.containsKey(customerId)) {
            return;
        }
        DashboardRowJson row = DashboardRowJson.of(view);
        submit(() -> broadcast(customerId, "reservation", row));
        customersWithChanges.add(customerId);
    }

    /** False once shutting down, when the sender takes no more work. */
    private boolean submit(Runnable work) {
        try {
            sender.execute(work);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private void pushTotals() {
        for (String customerId : List.copyOf(customersWithChanges)) {
            customersWithChanges.remove(customerId);
            if (!streamsByCustomer.containsKey(customerId)) {
                continue;
            }
            try {
                broadcast(customerId, "totals", totals(customerId));
            } catch (RuntimeException e) {
                // the executor never repeats a periodic action that threw
                customersWithChanges.add(customerId);
                log.warn("could not read the statistics and bill of {}", customerId, e);
            }
        }
    }

    private void heartbeat() {
        streamsByCustomer.forEach((customerId, streams) -> streams.forEach(emitter -> {
            try {
                emitter.send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException e) {
                drop(customerId, emitter, e);
            }
        }));
    }

    private Snapshot snapshot(String customerId) {
        PageRequest newest = PageRequest.of(0, settings.rows());
        Map<String, String> texts = new HashMap<>();
        for (Reservation r : msgsvc.reservations(customerId, newest).items()) {
            texts.put(r.id().toString(), r.text());
        }
        List<DashboardRowJson> rows = msgsvc.dashboard(customerId, newest).items().stream()
                .map(DashboardRowJson::of)
                .toList();
        return new Snapshot(customerId, rows, texts, totals(customerId));
    }

    private TotalsJson totals(String customerId) {
        return new TotalsJson(
                msgsvc.statistics(customerId, Instant.EPOCH, Instant.now()).totals(), msgsvc.billing(customerId));
    }

    private void broadcast(String customerId, String eventName, Object data) {
        for (SseEmitter emitter : streamsByCustomer.getOrDefault(customerId, Set.of())) {
            send(customerId, emitter, eventName, data);
        }
    }

    private void send(String customerId, SseEmitter emitter, String eventName, Object data) {
        try {
            emitter.send(SseEmitter.event().name(eventName).data(data, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            drop(customerId, emitter, e);
        }
    }

    /** The page went away (or the stream was closed): stop writing to it. */
    private void drop(String customerId, SseEmitter emitter, Exception cause) {
        forget(customerId, emitter);
        emitter.completeWithError(cause);
    }

    private void forget(String customerId, SseEmitter emitter) {
        streamsByCustomer.computeIfPresent(customerId, (customer, streams) -> {
            streams.remove(emitter);
            return streams.isEmpty() ? null : streams;
        });
    }

    int openStreams() {
        return streamsByCustomer.values().stream().mapToInt(Set::size).sum();
    }

    @Override
    public void start() {
        subscription = msgsvc.subscribeDashboard(this::onChange);
        long totalsEvery = settings.totalsInterval().toMillis();
        sender.scheduleWithFixedDelay(this::pushTotals, totalsEvery, totalsEvery, TimeUnit.MILLISECONDS);
        long heartbeatEvery = settings.heartbeat().toMillis();
        sender.scheduleWithFixedDelay(this::heartbeat, heartbeatEvery, heartbeatEvery, TimeUnit.MILLISECONDS);
    }

    /** Runs before the web server's graceful shutdown, which would otherwise wait for the open streams. */
    @Override
    public void stop() {
        Subscription current = subscription;
        subscription = null;
        if (current != null) {
            current.close();
        }
        sender.shutdownNow();
        streamsByCustomer.values().forEach(streams -> streams.forEach(SseEmitter::complete));
        streamsByCustomer.clear();
    }

    @Override
    public boolean isRunning() {
        return subscription != null;
    }

    /** Left running when a context pauses (Spring's test context cache does): its sender thread ends with stop(). */
    @Override
    public boolean isPauseable() {
        return false;
    }

    /**
     * @param texts each listed reservation's message text, by id (the dashboard rows carry counts only)
     */
    public record Snapshot(
            String customerId, List<DashboardRowJson> rows, Map<String, String> texts, TotalsJson totals) {}
}
