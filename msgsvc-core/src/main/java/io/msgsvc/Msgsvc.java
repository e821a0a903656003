package io.msgsvc;

import io.msgsvc.api.BillingTotals;
import io.msgsvc.api.CancelOutcome;
import io.msgsvc.api.Charge;
import io.msgsvc.api.DashboardListener;
import io.msgsvc.api.DashboardView;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.IdempotencyConflictException;
import io.msgsvc.api.InvalidRequestException;
import io.msgsvc.api.MessageChannel;
import io.msgsvc.api.Page;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.Pricing;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationAccessDeniedException;
import io.msgsvc.api.ReservationDetails;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationEventListener;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationNotFoundException;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.Statistics;
import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.memory.InProcessEventTransport;
import io.msgsvc.spi.EventTransport;
import io.msgsvc.spi.NewReservation;
import io.msgsvc.spi.Registration;
import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.ManualClock;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine: registers reservations, sends them in recipient order when due, and keeps billing, statistics,
 * reservation status and the dashboard exactly once. Build one with {@link #builder()}, {@link #start()} it, and
 * {@link #close()} it when the host shuts down. Thread-safe.
 *
 * <pre>{@code
 * try (Msgsvc msgsvc = Msgsvc.builder().channel(mySmsGateway).build().start()) {
 *     Reservation r = msgsvc.reserve(ReservationRequest.builder()
 *             .customerId("acme").text("Hello").recipients("+100", "+200").build());
 * }
 * }</pre>
 */
public final class Msgsvc implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Msgsvc.class);

    private enum State {
        NEW,
        RUNNING,
        STOPPED
    }

    private final Config config;
    private final Storage storage;
    private final Listeners listeners = new Listeners();
    private final RequestValidator validator;
    private final Projections projections;
    private final ChannelInvoker channelInvoker;
    private final ReservationDispatcher dispatcher;
    private final DispatchScheduler scheduler;
    private final OutboxRelay relay;
    private final EventWrites writes;
    private final ExecutorService workers;
    private final Runnable clockListener;
    private final Object lifecycle = new Object();
    /** Written under the lifecycle lock, read without it so a caller is not held up by a slow close. */
    private volatile State state = State.NEW;

    private Thread schedulerThread;
    private Thread relayThread;
    private AutoCloseable dueTimeWatch;

    private Msgsvc(Config config) {
        this.config = config;
        this.storage = config.storage;
        this.validator = new RequestValidator(config.recipientPolicy, config.contentPolicy, config.channel);
        this.projections = new Projections(storage, config.pricing, config.statisticsPeriod, listeners);
        config.dashboardListeners.forEach(listeners::add);
        config.eventListeners.forEach(listeners::add);
        this.channelInvoker =
                new ChannelInvoker(config.channel, config.channelTimeout, config.isolateChannelCalls, config.nodeId);
        this.relay =
                new OutboxRelay(storage.reservations(), config.transport, config.outboxBatchSize, config.pollInterval);
        boolean inline = config.inlineProjection
                && config.transport instanceof InProcessEventTransport
                && Projections.ORDER.stream().allMatch(config.roles::contains)
                && storage.supportsInlineProjection();
        this.writes = new EventWrites(storage, projections, inline, relay::wake);
        this.workers = Executors.newFixedThreadPool(
                config.dispatchThreads, Threads.daemon("msgsvc-dispatch-" + config.nodeId));
        this.dispatcher = new ReservationDispatcher(
                storage.reservations(),
                channelInvoker,
                config.channel,
                config.contentPolicy,
                config.retryPolicy,
                config.clock,
                config.nodeId,
                config.lease,
                config.channelTimeout,
                config.deliveryBatchSize,
                config.resultBatchSize,
                config.resultFlushInterval,
                writes,
                this::wakeScheduler);
        this.scheduler = new DispatchScheduler(
                storage.reservations(),
                dispatcher,
                workers,
                config.dispatchThreads,
                config.clock,
                config.nodeId,
                config.lease,
                config.pollInterval);
        this.clockListener = scheduler::wake;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts sending due reservations and projecting events. Returns this, for chaining after build(). */
    public Msgsvc start() {
        synchronized (lifecycle) {
            if (state != State.NEW) {
                throw new IllegalStateException("an engine starts once; this one is " + state);
            }
            for (Role role : Projections.ORDER) {
                if (config.roles.contains(role)) {
                    config.transport.subscribe(role.consumerName(), projections.handlerFor(role));
                }
            }
            config.transport.start();
            if (config.clock instanceof ManualClock manual) {
                manual.onChange(clockListener);
            }
            if (config.roles.contains(Role.RELAY)) {
                relayThread = Threads.daemon("msgsvc-relay-" + config.nodeId).newThread(relay);
                relayThread.start();
            }
            if (config.roles.contains(Role.SENDER)) {
                schedulerThread =
                        Threads.daemon("msgsvc-scheduler-" + config.nodeId).newThread(scheduler);
                schedulerThread.start();
                dueTimeWatch = storage.reservations().watchDueTimes(scheduler::wake);
            }
            state = State.RUNNING;
            log.info("msgsvc node {} started as {}", config.nodeId, config.roles);
            return this;
        }
    }

    /**
     * Stops: no new sends begin, a send in flight finishes and is recorded, leases are released so another node can
     * resume at once, and the events already written are projected. Waits up to the shutdown timeout.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (state == State.STOPPED) {
                return;
            }
            // stop sending first: whoever sees isRunning() == false may rely on no new send beginning
            dispatcher.stop();
            scheduler.stop();
            state = State.STOPPED;
            if (config.clock instanceof ManualClock manual) {
                manual.removeListener(clockListener);
            }
            closeQuietly(dueTimeWatch);
            workers.shutdown();
            try {
                if (!workers.awaitTermination(config.shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("dispatches still running after {}; interrupting them", config.shutdownTimeout);
                    workers.shutdownNow();
                }
            } catch (InterruptedException e) {
                workers.shutdownNow();
                Thread.currentThread().interrupt();
            } finally {
                // whatever happened above, the loops must end and the last events be projected
                relay.stop();
                join(schedulerThread);
                join(relayThread);
            }
            channelInvoker.close();
            config.transport.close();
            log.info("msgsvc node {} stopped", config.nodeId);
        }
    }

    /** False as soon as {@link #close()} begins. */
    public boolean isRunning() {
        return state == State.RUNNING;
    }

    public String nodeId() {
        return config.nodeId;
    }

    /**
     * Registers a reservation: the reservation, one delivery per recipient and the {@code Reserved} event are stored
     * together or not at all.
     *
     * @throws InvalidRequestException      a field is missing or wrong (the exception names it)
     * @throws IdempotencyConflictException the idempotency key was used for a different request
     */
    public Reservation reserve(ReservationRequest request) {
        Instant now = config.clock.instant();
        NewReservation validated = validator.validate(request, now);
        ReservationEvent.Reserved reserved = new ReservationEvent.Reserved(
                UUID.randomUUID(),
                validated.id(),
                validated.customerId(),
                now,
                validated.recipients().size(),
                validated.sendAt());
        Registration registration = writes.write(() -> storage.reservations().register(validated, reserved));
        if (!registration.created()) {
            if (!registration.requestFingerprint().equals(validated.requestFingerprint())) {
                throw new IdempotencyConflictException(
                        validated.customerId(),
                        validated.idempotencyKey(),
                        registration.reservation().id());
            }
            return registration.reservation();
        }
        wakeScheduler();
        return registration.reservation();
    }

    /** The reservation with every delivery, in recipient order. */
    public ReservationDetails reservation(String customerId, ReservationId id) {
        Reservation r = owned(customerId, id);
        return new ReservationDetails(r, storage.reservations().deliveries(id, 0, r.recipientCount()));
    }

    /** A slice of a (large) reservation's deliveries, from {@code fromSequence} in recipient order. */
    public List<Delivery> deliveries(String customerId, ReservationId id, int fromSequence, int limit) {
        owned(customerId, id);
        if (fromSequence < 0) {
            throw new InvalidRequestException("fromSequence", "must be >= 0, was " + fromSequence);
        }
        if (limit < 1) {
            throw new InvalidRequestException("limit", "must be >= 1, was " + limit);
        }
        return storage.reservations().deliveries(id, fromSequence, limit);
    }

    /** The customer's reservations, newest first. */
    public Page<Reservation> reservations(String customerId, PageRequest page) {
        return storage.reservations().findByCustomer(requireCustomer(customerId), requirePage(page));
    }

    /**
     * Cancels before or during dispatch: recipients not yet sent are never sent.
     *
     * @throws io.msgsvc.api.ReservationNotCancellableException it already ended
     */
    public CancelOutcome cancel(String customerId, ReservationId id) {
        Reservation r = owned(customerId, id);
        if (scheduler.isSending(id)) {
            dispatcher.requestCancel(id);
        }
        Instant now = config.clock.instant();
        return writes.write(() -> storage.reservations()
                .requestCancel(
                        id,
                        now,
                        s -> new ReservationEvent.ReservationCancelled(
                                UUID.randomUUID(), id, r.customerId(), now, s.cancelled())));
    }

    /** The customer's counters per period in {@code [from, to)}. */
    public Statistics statistics(String customerId, Instant from, Instant to) {
        requireRange(from, to);
        return Statistics.of(storage.statistics().buckets(requireCustomer(customerId), from, to));
    }

    /** Every customer's counters per period in {@code [from, to)}. */
    public Statistics statistics(Instant from, Instant to) {
        requireRange(from, to);
        return Statistics.of(storage.statistics().buckets(null, from, to));
    }

    private static void requireRange(Instant from, Instant to) {
        if (from == null) {
            throw new InvalidRequestException("from", "must not be null");
        }
        if (to == null) {
            throw new InvalidRequestException("to", "must not be null");
        }
        if (to.isBefore(from)) {
            throw new InvalidRequestException("to", "must not be before from (" + from + "), was " + to);
        }
    }

    public BillingTotals billing(String customerId) {
        return storage.billing().totals(requireCustomer(customerId));
    }

    /** The charges of one reservation, in recipient order. */
    public List<Charge> charges(String customerId, ReservationId id) {
        owned(customerId, id);
        return storage.billing().charges(id);
    }

    /** The dashboard row of a reservation (read model: may trail the store by a moment). */
    public DashboardView dashboard(String customerId, ReservationId id) {
        Reservation r = owned(customerId, id);
        return storage.dashboard()
                .find(id)
                .orElseGet(() ->
                        new DashboardView(id, r.customerId(), r.recipientCount(), 0, 0, 0, r.status(), r.createdAt()));
    }

    /** The customer's dashboard rows, newest first. */
    public Page<DashboardView> dashboard(String customerId, PageRequest page) {
        return storage.dashboard().findByCustomer(requireCustomer(customerId), requirePage(page));
    }

    public Subscription subscribeDashboard(DashboardListener listener) {
        return listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public Subscription subscribeEvents(ReservationEventListener listener) {
        return listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private Reservation owned(String customerId, ReservationId id) {
        requireCustomer(customerId);
        if (id == null) {
            throw new InvalidRequestException("reservationId", "must not be null");
        }
        Reservation r = storage.reservations().find(id).orElseThrow(() -> new ReservationNotFoundException(id));
        if (!r.customerId().equals(customerId)) {
            throw new ReservationAccessDeniedException(id, customerId);
        }
        return r;
    }

    private static PageRequest requirePage(PageRequest page) {
        if (page == null) {
            throw new InvalidRequestException("page", "must not be null");
        }
        return page;
    }

    private static String requireCustomer(String customerId) {
        if (customerId == null || customerId.isBlank()) {
            throw new InvalidRequestException("customerId", "must not be blank");
        }
        // as at registration: some databases compare "acme" and "acme " equal, which would mix customers up
        if (!customerId.strip().equals(customerId)) {
            throw new InvalidRequestException("customerId", "must not start or end with white space");
        }
        return customerId;
    }

    private void wakeScheduler() {
        scheduler.wake();
    }

    private void join(Thread thread) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(config.shutdownTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("could not stop watching due times", e);
        }
    }

    /** Everything the builder gathered, frozen. */
    private record Config(
            MessageChannel channel,
            Storage storage,
            EventTransport transport,
            Clock clock,
            ContentPolicy contentPolicy,
            RetryPolicy retryPolicy,
            RecipientPolicy recipientPolicy,
            Pricing pricing,
            ChronoUnit statisticsPeriod,
            int dispatchThreads,
            Duration channelTimeout,
            boolean isolateChannelCalls,
            Duration lease,
            Duration pollInterval,
            Duration shutdownTimeout,
            String nodeId,
            int deliveryBatchSize,
            int resultBatchSize,
            Duration resultFlushInterval,
            int outboxBatchSize,
            boolean inlineProjection,
            Set<Role> roles,
            List<DashboardListener> dashboardListeners,
            List<ReservationEventListener> eventListeners) {}

    /**
     * Configures an engine. Only the channel is required; storage defaults to memory and events stay in process.
     * The built engine copies everything: changing the builder afterwards changes nothing.
     */
    public static final class Builder {
        private static final AtomicInteger NODE_COUNTER = new AtomicInteger();

        private MessageChannel channel;
        private Storage storage;
        private EventTransport transport;
        private Clock clock = Clock.systemUTC();
        private ContentPolicy contentPolicy = ContentPolicy.unlimited();
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private RecipientPolicy recipientPolicy = RecipientPolicy.defaults();
        private Pricing pricing = Pricing.flat(BigDecimal.ONE);
        private ChronoUnit statisticsPeriod = ChronoUnit.DAYS;
        private int dispatchThreads = 8;
        private Duration channelTimeout = Duration.ofSeconds(30);
        private boolean isolateChannelCalls = false;
        private Duration lease = Duration.ofSeconds(60);
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration shutdownTimeout = Duration.ofSeconds(30);
        private String nodeId;
        private int deliveryBatchSize = 500;
        private int resultBatchSize = 500;
        private Duration resultFlushInterval = Duration.ofMillis(10);
        private int outboxBatchSize = 500;
        private boolean inlineProjection = true;
        private Set<Role> roles = EnumSet.allOf(Role.class);
        private final List<DashboardListener> dashboardListeners = new ArrayList<>();
        private final List<ReservationEventListener> eventListeners = new ArrayList<>();

        private Builder() {}

        /** Where messages go (required). */
        public Builder channel(MessageChannel channel) {
            this.channel = Objects.requireNonNull(channel, "channel");
            return this;
        }

        /** Where everything is stored; default: a new {@link InMemoryStorage}. */
        public Builder storage(Storage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
            return this;
        }

        /** How events reach the projections; default: in process. */
        public Builder eventTransport(EventTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** Time source; a {@link ManualClock} makes scheduling tests deterministic. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder contentPolicy(ContentPolicy policy) {
            this.contentPolicy = Objects.requireNonNull(policy, "contentPolicy");
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy");
            return this;
        }

        public Builder recipientPolicy(RecipientPolicy policy) {
            this.recipientPolicy = Objects.requireNonNull(policy, "recipientPolicy");
            return this;
        }

        /** Price of one successful delivery; default 1. */
        public Builder pricing(Pricing pricing) {
            this.pricing = Objects.requireNonNull(pricing, "pricing");
            return this;
        }

        /** Length of a statistics period: MINUTES, HOURS or DAYS (UTC); default DAYS. */
        public Builder statisticsPeriod(ChronoUnit unit) {
            if (unit != ChronoUnit.MINUTES && unit != ChronoUnit.HOURS && unit != ChronoUnit.DAYS) {
                throw new IllegalArgumentException("statisticsPeriod must be MINUTES, HOURS or DAYS, was " + unit);
            }
            this.statisticsPeriod = unit;
            return this;
        }

        /** Reservations sent at the same time by this node; default 8. */
        public Builder dispatchThreads(int threads) {
            this.dispatchThreads = positive("dispatchThreads", threads);
            return this;
        }

        /** A channel call running longer counts as a transient failure; default 30 s. */
        public Builder channelTimeout(Duration timeout) {
            this.channelTimeout = positive("channelTimeout", timeout);
            return this;
        }

        /**
         * Whether each channel call runs on a thread of its own; default false. By default a call runs on the
         * dispatching thread, and a watchdog stores the results gathered so far once a call outlasts
         * {@link #resultFlushInterval} and interrupts a call that outlasts {@link #channelTimeout} (whose outcome then
         * counts as a transient failure); a channel that ignores the interrupt keeps its dispatching thread until it
         * returns, and its reservation moves to another node once its lease, no longer renewed, runs out. True runs
         * every call on a thread of its own and abandons it at the timeout whatever the channel does, for a channel
         * that may block without answering interrupts; it costs two thread hand-offs per send.
         */
        public Builder isolateChannelCalls(boolean isolate) {
            this.isolateChannelCalls = isolate;
            return this;
        }

        /**
         * How long a claim lasts without renewal before another node may take over; default 60 s. Must be longer
         * than the channel timeout: a sender renews it between sends, so one send must fit well inside it.
         */
        public Builder lease(Duration lease) {
            this.lease = positive("lease", lease);
            return this;
        }

        /** Longest sleep between looks at the store; default 1 s. */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = positive("pollInterval", interval);
            return this;
        }

        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = positive("shutdownTimeout", timeout);
            return this;
        }

        /** Names this node in leases and thread names; must differ between live nodes. Default: generated, unique. */
        public Builder nodeId(String nodeId) {
            if (nodeId == null || nodeId.isBlank()) {
                throw new IllegalArgumentException("nodeId must not be blank");
            }
            if (nodeId.length() > 100) {
                throw new IllegalArgumentException("nodeId must be at most 100 characters, was " + nodeId.length());
            }
            this.nodeId = nodeId;
            return this;
        }

        /** Pending deliveries fetched per round trip; default 500. */
        public Builder deliveryBatchSize(int size) {
            this.deliveryBatchSize = positive("deliveryBatchSize", size);
            return this;
        }

        /**
         * Most send results written in one transaction; default 500. After a crash, the sends whose results were not
         * yet written are repeated (with the same idempotency keys): at most this many, and no more than the channel
         * took in one {@link #resultFlushInterval}. 1 writes every result alone.
         */
        public Builder resultBatchSize(int size) {
            this.resultBatchSize = positive("resultBatchSize", size);
            return this;
        }

        /** Longest a send result waits to be written, also while a slow channel call is running; default 10 ms. */
        public Builder resultFlushInterval(Duration interval) {
            this.resultFlushInterval = positive("resultFlushInterval", interval);
            return this;
        }

        /** Events relayed per round trip; default 500. */
        public Builder outboxBatchSize(int size) {
            this.outboxBatchSize = positive("outboxBatchSize", size);
            return this;
        }

        /**
         * Whether an engine that plays every role with the in-process transport applies billing, statistics, status
         * and dashboard in the same transaction as the change each event reports, instead of through the outbox and
         * the relay; default true, when the storage can (JDBC can, memory cannot). Each state change and its
         * projections then commit together, and no event needs an outbox row or a deduplication record. False sends
         * every event through the outbox, as engines with split roles or a broker transport always do.
         */
        public Builder inlineProjection(boolean inline) {
            this.inlineProjection = inline;
            return this;
        }

        /**
         * The roles this engine plays; default all. With the in-process transport an engine that relays events
         * must also project them all, and the other way round; splitting projections off needs a broker transport.
         */
        public Builder roles(Role... roles) {
            if (roles.length == 0) {
                throw new IllegalArgumentException("roles: give at least one");
            }
            this.roles = EnumSet.copyOf(Arrays.asList(roles));
            return this;
        }

        public Builder dashboardListener(DashboardListener listener) {
            dashboardListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public Builder eventListener(ReservationEventListener listener) {
            eventListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** An engine ready to {@link Msgsvc#start()}. */
        public Msgsvc build() {
            if (channel == null) {
                throw new IllegalStateException("channel is required: Msgsvc.builder().channel(...)");
            }
            if (lease.compareTo(channelTimeout) <= 0) {
                throw new IllegalStateException("lease (" + lease + ") must be longer than channelTimeout ("
                        + channelTimeout + "): a send must end before the lease its sender renewed runs out");
            }
            // unique across processes: two nodes with one name would take each other's leases for their own
            EventTransport eventTransport = transport != null ? transport : new InProcessEventTransport();
            if (eventTransport instanceof InProcessEventTransport) {
                boolean relays = roles.contains(Role.RELAY);
                boolean projectsAll = Projections.ORDER.stream().allMatch(roles::contains);
                boolean projectsAny = Projections.ORDER.stream().anyMatch(roles::contains);
                if (relays ? !projectsAll : projectsAny) {
                    throw new IllegalStateException("roles " + roles + ": with in-process events, RELAY and every "
                            + "projection role (" + Projections.ORDER + ") go together; use a broker transport to "
                            + "split them across processes");
                }
            }
            String node = nodeId != null
                    ? nodeId
                    : "node-" + ProcessHandle.current().pid() + "-" + NODE_COUNTER.incrementAndGet() + "-"
                            + UUID.randomUUID().toString().substring(0, 8);
            return new Msgsvc(new Config(
                    channel,
                    storage != null ? storage : new InMemoryStorage(),
                    eventTransport,
                    clock,
                    contentPolicy,
                    retryPolicy,
                    recipientPolicy,
                    pricing,
                    statisticsPeriod,
                    dispatchThreads,
                    channelTimeout,
                    isolateChannelCalls,
                    lease,
                    pollInterval,
                    shutdownTimeout,
                    node,
                    deliveryBatchSize,
                    resultBatchSize,
                    resultFlushInterval,
                    outboxBatchSize,
                    inlineProjection,
                    Collections.unmodifiableSet(EnumSet.copyOf(roles)),
                    List.copyOf(dashboardListeners),
                    List.copyOf(eventListeners)));
        }

        private static int positive(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be >= 1, was " + value);
            }
            return value;
        }

        private static Duration positive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
