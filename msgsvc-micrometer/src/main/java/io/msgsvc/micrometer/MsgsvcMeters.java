package io.msgsvc.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.msgsvc.EngineGauges;
import io.msgsvc.EngineMetrics;
import io.msgsvc.MsgsvcHealth;
import io.msgsvc.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The engine's meters in Micrometer: hand it to the engine ({@code Msgsvc.builder().metrics(meters)}) and bind it to
 * a registry ({@code meters.bindTo(registry)}, or as a {@link MeterBinder} bean, which Spring Boot binds); the order
 * does not matter. Counters count what this node did, where it did it; gauges read the engine now, and the storage's
 * health snapshot at most once per {@code healthCacheFor} (default 5 s), so a scrape never hammers the database.
 * The meters and their tags are in the README's table.
 *
 * <p>Counting costs one {@link LongAdder} increment per call: no allocation, no lock. One instance serves one
 * engine.
 */
public final class MsgsvcMeters implements EngineMetrics, MeterBinder {
    /** How long one health snapshot serves the gauges that read it. */
    public static final Duration DEFAULT_HEALTH_CACHE = Duration.ofSeconds(5);

    private static final String RESERVATIONS = "reservations";

    private final Tags tags;
    private final HealthCache health;
    private final LongAdder sent = new LongAdder();
    private final LongAdder submitted = new LongAdder();
    private final LongAdder failedPermanently = new LongAdder();
    private final LongAdder failedAfterRetries = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder reservationThrottles = new LongAdder();
    private final LongAdder channelThrottles = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder undelivered = new LongAdder();
    private final LongAdder expired = new LongAdder();
    private final LongAdder unknown = new LongAdder();
    private final LongAdder registered = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder expiredUnsent = new LongAdder();
    /** The lag timers of every registry bound so far: replaced whole, read without a lock. */
    private volatile LagTimers[] lagTimers = new LagTimers[0];

    private final List<MeterRegistry> registries = new ArrayList<>();
    private volatile EngineGauges engine;

    /** Meters without tags of their own, the health snapshot cached {@link #DEFAULT_HEALTH_CACHE}. */
    public MsgsvcMeters() {
        this(Tags.empty(), DEFAULT_HEALTH_CACHE);
    }

    /**
     * @param tags           added to every meter (the application's, a node name...)
     * @param healthCacheFor how long one health snapshot serves the gauges; positive
     */
    public MsgsvcMeters(Iterable<Tag> tags, Duration healthCacheFor) {
        this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
        Objects.requireNonNull(healthCacheFor, "healthCacheFor");
        if (healthCacheFor.isNegative() || healthCacheFor.isZero()) {
            throw new IllegalArgumentException("healthCacheFor must be positive, was " + healthCacheFor);
        }
        this.health = new HealthCache(healthCacheFor, () -> engine);
    }

    @Override
    public void engineBuilt(EngineGauges built) {
        synchronized (registries) {
            if (engine != null) {
                throw new IllegalStateException(
                        "this MsgsvcMeters serves engine " + engine.nodeId() + " already; make one per engine");
            }
            engine = Objects.requireNonNull(built, "engine");
            registries.forEach(this::bindPools); // bound before the engine was built
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        String sends = "Send results stored by this node";
        String messages = BaseUnits.MESSAGES;
        counter(registry, "msgsvc.sends", messages, sent, sends, "outcome", "sent");
        counter(registry, "msgsvc.sends", messages, submitted, sends, "outcome", "submitted");
        counter(registry, "msgsvc.sends", messages, failedPermanently, sends, "outcome", "failed_permanently");
        counter(registry, "msgsvc.sends", messages, failedAfterRetries, sends, "outcome", "failed_after_retries");
        String retried = "Sends that failed transiently and go again after a backoff";
        counter(registry, "msgsvc.retries", messages, retries, retried);
        String throttled = "Sends the provider throttled";
        counter(registry, "msgsvc.throttles", messages, reservationThrottles, throttled, "scope", "reservation");
        counter(registry, "msgsvc.throttles", messages, channelThrottles, throttled, "scope", "channel");
        String reports = "Final delivery states stored by this node";
        counter(registry, "msgsvc.reports", "reports", delivered, reports, "state", "delivered");
        counter(registry, "msgsvc.reports", "reports", undelivered, reports, "state", "undelivered");
        counter(registry, "msgsvc.reports", "reports", expired, reports, "state", "expired");
        counter(registry, "msgsvc.reports", "reports", unknown, reports, "state", "unknown");
        String unsent = "Deliveries this node ended unsent by the campaign rules, never billed";
        counter(registry, "msgsvc.deliveries.unsent", messages, skipped, unsent, "reason", "opted_out");
        counter(registry, "msgsvc.deliveries.unsent", messages, expiredUnsent, unsent, "reason", "expired");
        String registrations = "Reservations registered by this node";
        counter(registry, "msgsvc.reservations.registered", RESERVATIONS, registered, registrations);
        gauge(
                registry,
                "msgsvc.window.in.flight",
                "Channel calls issued by this node and not answered yet",
                e -> e.sendsInFlight());
        healthGauges(registry);
        bindLagTimers(registry);
        synchronized (registries) {
            registries.add(registry);
            if (engine != null) {
                bindPools(registry);
            }
        }
    }

    private void healthGauges(MeterRegistry registry) {
        storageGauge(
                registry,
                "msgsvc.dispatch.backlog",
                "Due reservations no sender holds, up to 10000 (storage-wide)",
                h -> h.dispatch() == null ? Double.NaN : h.dispatch().waiting(),
                RESERVATIONS);
        TimeGauge.builder(
                        "msgsvc.dispatch.oldest.due.age",
                        health,
                        TimeUnit.SECONDS,
                        c -> seconds(c.get(), h -> h.oldestDueAge()))
                .description("How long the earliest due reservation no sender holds has waited (storage-wide)")
                .tags(tags)
                .strongReference(true)
                .register(registry);
        storageGauge(
                registry,
                "msgsvc.leases",
                "Due reservations under a lease (storage-wide)",
                h -> h.dispatch() == null ? Double.NaN : h.dispatch().liveLeases(),
                RESERVATIONS,
                "state",
                "live");
        storageGauge(
                registry,
                "msgsvc.leases",
                "Due reservations under a lease (storage-wide)",
                h -> h.dispatch() == null ? Double.NaN : h.dispatch().expiredLeases(),
                RESERVATIONS,
                "state",
                "expired");
        storageGauge(
                registry,
                "msgsvc.outbox.backlog",
                "Events not yet relayed, up to 10000 (storage-wide)",
                h -> h.outbox() == null ? Double.NaN : h.outbox().unpublished(),
                BaseUnits.EVENTS);
        TimeGauge.builder(
                        "msgsvc.outbox.oldest.age",
                        health,
                        TimeUnit.SECONDS,
                        c -> seconds(c.get(), h -> h.oldestUnpublishedAge()))
                .description("How long the oldest event not yet relayed has waited (storage-wide)")
                .tags(tags)
                .strongReference(true)
                .register(registry);
    }

    private void bindLagTimers(MeterRegistry registry) {
        Map<Role, Timer> projection = new EnumMap<>(Role.class);
        for (Role role : Role.PROJECTIONS) {
            projection.put(
                    role,
                    Timer.builder("msgsvc.projection.lag")
                            .description(
                                    "From when an event happened to when this node's projection stored it, per batch")
                            .tags(tags)
                            .tag("role", role.consumerName())
                            .register(registry));
        }
        Timer outbox = Timer.builder("msgsvc.outbox.lag")
                .description("From when an event was written to when this node's relay handed it on, per batch")
                .tags(tags)
                .register(registry);
        synchronized (registries) {
            LagTimers[] more = Arrays.copyOf(lagTimers, lagTimers.length + 1);
            more[lagTimers.length] = new LagTimers(projection, outbox);
            lagTimers = more;
        }
    }

    /** Micrometer's executor meters ({@code msgsvc.executor.*}, tag {@code name}) for each of the engine's pools. */
    private void bindPools(MeterRegistry registry) {
        engine.threadPools()
                .forEach((name, pool) -> new ExecutorServiceMetrics(pool, name, "msgsvc", tags).bindTo(registry));
    }

    @Override
    public void sendsRecorded(int sent, int submitted, int failedPermanently, int failedAfterRetries) {
        add(this.sent, sent);
        add(this.submitted, submitted);
        add(this.failedPermanently, failedPermanently);
        add(this.failedAfterRetries, failedAfterRetries);
    }

    @Override
    public void sendRetried() {
        retries.increment();
    }

    @Override
    public void sendThrottled(boolean wholeChannel) {
        (wholeChannel ? channelThrottles : reservationThrottles).increment();
    }

    @Override
    public void reportsApplied(int delivered, int undelivered, int expired, int unknown) {
        add(this.delivered, delivered);
        add(this.undelivered, undelivered);
        add(this.expired, expired);
        add(this.unknown, unknown);
    }

    @Override
    public void deliveriesNotSent(int skipped, int expiredUnsent) {
        add(this.skipped, skipped);
        add(this.expiredUnsent, expiredUnsent);
    }

    @Override
    public void reservationsRegistered(int count) {
        add(registered, count);
    }

    @Override
    public void projected(Role role, int events, Duration oldestLag) {
        for (LagTimers timers : lagTimers) {
            Timer timer = timers.projection().get(role);
            if (timer != null) {
                timer.record(oldestLag);
            }
        }
    }

    @Override
    public void relayed(int events, Duration oldestLag) {
        for (LagTimers timers : lagTimers) {
            timers.outbox().record(oldestLag);
        }
    }

    /** {@return the health snapshot the gauges read}: at most {@code healthCacheFor} old; null before engine build */
    public MsgsvcHealth health() {
        return health.get();
    }

    private void counter(
            MeterRegistry registry, String name, String unit, LongAdder count, String description, String... tagKv) {
        FunctionCounter.builder(name, count, LongAdder::doubleValue)
                .description(description)
                .baseUnit(unit)
                .tags(tags)
                .tags(tagKv)
                .register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<EngineGauges> f) {
        Gauge.builder(name, this, m -> m.engine == null ? Double.NaN : f.applyAsDouble(m.engine))
                .description(description)
                .baseUnit("calls")
                .tags(tags)
                .strongReference(true)
                .register(registry);
    }

    private void storageGauge(
            MeterRegistry registry,
            String name,
            String description,
            ToDoubleFunction<MsgsvcHealth> f,
            String baseUnit,
            String... tagKv) {
        Gauge.builder(name, health, c -> {
                    MsgsvcHealth h = c.get();
                    return h == null ? Double.NaN : f.applyAsDouble(h);
                })
                .description(description)
                .baseUnit(baseUnit)
                .tags(tags)
                .tags(tagKv)
                .strongReference(true)
                .register(registry);
    }

    private static double seconds(MsgsvcHealth h, Function<MsgsvcHealth, Duration> age) {
        return h == null || !h.storageReachable() ? Double.NaN : age.apply(h).toNanos() / 1e9;
    }

    private static void add(LongAdder adder, int n) {
        if (n > 0) {
            adder.add(n);
        }
    }

    private record LagTimers(Map<Role, Timer> projection, Timer outbox) {}
}
