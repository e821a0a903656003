package io.msgsvc;

import io.msgsvc.api.DashboardListener;
import io.msgsvc.api.MessageChannel;
import io.msgsvc.api.Pricing;
import io.msgsvc.api.ReservationEventListener;
import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.memory.InProcessEventTransport;
import io.msgsvc.spi.EventTransport;
import io.msgsvc.spi.Storage;
import io.msgsvc.spi.TracePropagation;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Configures an engine: {@code Msgsvc.builder()...build()}. Only an engine that sends needs a channel; storage
 * defaults to memory and events stay in process. The built engine keeps a copy: changing the builder afterwards
 * changes nothing.
 */
public final class MsgsvcBuilder {
    /** Reservations one node sends at the same time. */
    public static final int DEFAULT_DISPATCH_THREADS = 8;
    /** Sends of one reservation in flight at once: what SMPP sessions (10-100) and HTTP gateways commonly allow. */
    public static final int DEFAULT_SEND_WINDOW = 32;
    /** How long one dispatch sends before other due reservations go first. */
    public static final Duration DEFAULT_DISPATCH_SLICE = Duration.ofSeconds(5);
    /** A channel call running longer counts as a transient failure. */
    public static final Duration DEFAULT_CHANNEL_TIMEOUT = Duration.ofSeconds(30);
    /** How long a claim lasts without renewal. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);
    /** Longest sleep between looks at the store. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    /** How long {@link Msgsvc#close()} waits for dispatches in flight. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    /** Pending deliveries read per round trip. */
    public static final int DEFAULT_DELIVERY_BATCH_SIZE = 500;
    /** Most send results written in one transaction. */
    public static final int DEFAULT_RESULT_BATCH_SIZE = 500;
    /** Longest a send result waits to be written. */
    public static final Duration DEFAULT_RESULT_FLUSH_INTERVAL = Duration.ofMillis(10);
    /** Events relayed per round trip. */
    public static final int DEFAULT_OUTBOX_BATCH_SIZE = 500;
    /** Length of a statistics period. */
    public static final ChronoUnit DEFAULT_STATISTICS_PERIOD = ChronoUnit.DAYS;
    /** Price of one successful delivery. */
    public static final BigDecimal DEFAULT_PRICE = BigDecimal.ONE;
    /** How long a submitted delivery awaits its report before it ends as unknown. */
    public static final Duration DEFAULT_AWAIT_REPORTS_FOR = Duration.ofHours(72);
    /** How long a report that came before its send result was stored waits for it. */
    public static final Duration DEFAULT_PARK_REPORTS_FOR = Duration.ofMinutes(10);

    private MessageChannel channel;
    private Storage storage;
    private EventTransport transport;
    private Clock clock = Clock.systemUTC();
    private ContentPolicy contentPolicy = ContentPolicy.unlimited();
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private RecipientPolicy recipientPolicy = RecipientPolicy.defaults();
    private Pricing pricing = Pricing.flat(DEFAULT_PRICE);
    private BillingPolicy billingPolicy = BillingPolicy.onAcceptance();
    private Duration awaitReportsFor = DEFAULT_AWAIT_REPORTS_FOR;
    private Duration parkReportsFor = DEFAULT_PARK_REPORTS_FOR;
    private ChronoUnit statisticsPeriod = DEFAULT_STATISTICS_PERIOD;
    private int dispatchThreads = DEFAULT_DISPATCH_THREADS;
    private int sendWindow = DEFAULT_SEND_WINDOW;
    private Duration dispatchSlice = DEFAULT_DISPATCH_SLICE;
    private SendingLimits sendingLimits = SendingLimits.none();
    private Duration channelTimeout = DEFAULT_CHANNEL_TIMEOUT;
    private boolean isolateChannelCalls;
    private Duration lease = DEFAULT_LEASE;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
    private String nodeId;
    private int deliveryBatchSize = DEFAULT_DELIVERY_BATCH_SIZE;
    private int resultBatchSize = DEFAULT_RESULT_BATCH_SIZE;
    private Duration resultFlushInterval = DEFAULT_RESULT_FLUSH_INTERVAL;
    private int outboxBatchSize = DEFAULT_OUTBOX_BATCH_SIZE;
    private boolean inlineProjection = true;
    private boolean projectTogether;
    private Set<Role> roles = EnumSet.allOf(Role.class);
    private final List<DashboardListener> dashboardListeners = new ArrayList<>();
    private final List<ReservationEventListener> eventListeners = new ArrayList<>();
    private EngineMetrics metrics = EngineMetrics.none();
    private TracePropagation tracePropagation = TracePropagation.none();
    private CampaignDefaults campaignDefaults = CampaignDefaults.none();

    MsgsvcBuilder() {}

    /**
     * Where messages go; required when the engine plays {@link Role#SENDER} (as it does by default).
     *
     * @param channel the channel
     * @return this builder
     */
    public MsgsvcBuilder channel(MessageChannel channel) {
        this.channel = Objects.requireNonNull(channel, "channel");
        return this;
    }

    /**
     * Where everything is stored; default: a new {@link InMemoryStorage}.
     *
     * @param storage the storage
     * @return this builder
     */
    public MsgsvcBuilder storage(Storage storage) {
        this.storage = Objects.requireNonNull(storage, "storage");
        return this;
    }

    /**
     * How events reach the projections; default: in process.
     *
     * @param transport the transport
     * @return this builder
     */
    public MsgsvcBuilder eventTransport(EventTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
        return this;
    }

    /**
     * Time source; default the system clock. A test's clock calls {@link Msgsvc#checkDueNow()} when it moves.
     *
     * @param clock the clock
     * @return this builder
     */
    public MsgsvcBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * How a message is sized and how long it may be; default {@link ContentPolicy#unlimited()}.
     *
     * @param policy the policy
     * @return this builder
     */
    public MsgsvcBuilder contentPolicy(ContentPolicy policy) {
        this.contentPolicy = Objects.requireNonNull(policy, "contentPolicy");
        return this;
    }

    /**
     * How often and how soon a transient send failure is tried again; default {@link RetryPolicy#defaults()}.
     *
     * @param policy the policy
     * @return this builder
     */
    public MsgsvcBuilder retryPolicy(RetryPolicy policy) {
        this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy");
        return this;
    }

    /**
     * How many recipients a reservation may have and what a duplicate does; {@link RecipientPolicy#defaults()}.
     *
     * @param policy the policy
     * @return this builder
     */
    public MsgsvcBuilder recipientPolicy(RecipientPolicy policy) {
        this.recipientPolicy = Objects.requireNonNull(policy, "recipientPolicy");
        return this;
    }

    /**
     * Price of one successful delivery; default {@link #DEFAULT_PRICE}.
     *
     * @param pricing the pricing
     * @return this builder
     */
    public MsgsvcBuilder pricing(Pricing pricing) {
        this.pricing = Objects.requireNonNull(pricing, "pricing");
        return this;
    }

    /**
     * When a channel's deliveries are billed, if it reports delivery; default {@link BillingPolicy#onAcceptance()}.
     *
     * @param policy the policy
     * @return this builder
     */
    public MsgsvcBuilder billingPolicy(BillingPolicy policy) {
        this.billingPolicy = Objects.requireNonNull(policy, "billingPolicy");
        return this;
    }

    /**
     * The result timeout: how long a submitted delivery awaits its final report before it ends as {@code UNKNOWN} (a
     * report that comes later corrects it); default {@link #DEFAULT_AWAIT_REPORTS_FOR}.
     *
     * @param timeout positive
     * @return this builder
     */
    public MsgsvcBuilder awaitReportsFor(Duration timeout) {
        this.awaitReportsFor = Checks.positive("awaitReportsFor", timeout);
        return this;
    }

    /**
     * How long a report ahead of its send result or delivery waits for it; {@link #DEFAULT_PARK_REPORTS_FOR}.
     *
     * @param duration positive
     * @return this builder
     */
    public MsgsvcBuilder parkReportsFor(Duration duration) {
        this.parkReportsFor = Checks.positive("parkReportsFor", duration);
        return this;
    }

    /**
     * Length of a statistics period: MINUTES, HOURS or DAYS (UTC); default {@link #DEFAULT_STATISTICS_PERIOD}.
     *
     * @param unit the period unit
     * @return this builder
     */
    public MsgsvcBuilder statisticsPeriod(ChronoUnit unit) {
        this.statisticsPeriod = Checks.statisticsPeriod(unit);
        return this;
    }

    /**
     * Reservations sent at the same time by this node; default {@link #DEFAULT_DISPATCH_THREADS}.
     *
     * @param threads at least 1
     * @return this builder
     */
    public MsgsvcBuilder dispatchThreads(int threads) {
        this.dispatchThreads = Checks.positive("dispatchThreads", threads);
        return this;
    }

    /**
     * Sends of one reservation in flight at once through an {@link io.msgsvc.api.AsyncMessageChannel} (or a channel
     * whose {@code window()} is 0), in list order; default {@link #DEFAULT_SEND_WINDOW}; a channel's own window wins.
     * After a crash at most this many per reservation (plus unwritten results) go again, with the same keys.
     *
     * @param window at least 1
     * @return this builder
     */
    public MsgsvcBuilder sendWindow(int window) {
        this.sendWindow = Checks.positive("sendWindow", window);
        return this;
    }

    /**
     * How long a dispatch sends before other due reservations go first; default {@link #DEFAULT_DISPATCH_SLICE}.
     *
     * @param slice positive
     * @return this builder
     */
    public MsgsvcBuilder dispatchSlice(Duration slice) {
        this.dispatchSlice = Checks.positive("dispatchSlice", slice);
        return this;
    }

    /**
     * Speeds held for the channel and each customer, across all nodes; default {@link SendingLimits#none()}.
     *
     * @param limits the limits
     * @return this builder
     */
    public MsgsvcBuilder sendingLimits(SendingLimits limits) {
        this.sendingLimits = Objects.requireNonNull(limits, "sendingLimits");
        return this;
    }

    /**
     * A channel call running longer counts as a transient failure; default {@link #DEFAULT_CHANNEL_TIMEOUT}.
     *
     * @param timeout positive
     * @return this builder
     */
    public MsgsvcBuilder channelTimeout(Duration timeout) {
        this.channelTimeout = Checks.positive("channelTimeout", timeout);
        return this;
    }

    /**
     * Whether each channel call runs on a thread of its own; default false: on the dispatching thread, under a watchdog
     * that stores earlier results while a call is slow and interrupts it at {@link #channelTimeout}. True abandons a
     * call at the timeout even if the channel ignores interrupts, at the price of two thread hand-offs.
     *
     * @param isolate true for a thread per call
     * @return this builder
     */
    public MsgsvcBuilder isolateChannelCalls(boolean isolate) {
        this.isolateChannelCalls = isolate;
        return this;
    }

    /**
     * How long a claim lasts unrenewed before another node takes it; {@link #DEFAULT_LEASE}; > channelTimeout.
     *
     * @param lease positive
     * @return this builder
     */
    public MsgsvcBuilder lease(Duration lease) {
        this.lease = Checks.positive("lease", lease);
        return this;
    }

    /**
     * Longest sleep between looks at the store; default {@link #DEFAULT_POLL_INTERVAL}.
     *
     * @param interval positive
     * @return this builder
     */
    public MsgsvcBuilder pollInterval(Duration interval) {
        this.pollInterval = Checks.positive("pollInterval", interval);
        return this;
    }

    /**
     * How long closing waits for dispatches in flight; default {@link #DEFAULT_SHUTDOWN_TIMEOUT}.
     *
     * @param timeout positive
     * @return this builder
     */
    public MsgsvcBuilder shutdownTimeout(Duration timeout) {
        this.shutdownTimeout = Checks.positive("shutdownTimeout", timeout);
        return this;
    }

    /**
     * Names this node in leases and thread names; must differ between live nodes. Default: generated, unique.
     *
     * @param nodeId the id
     * @return this builder
     */
    public MsgsvcBuilder nodeId(String nodeId) {
        this.nodeId = Checks.nodeId(nodeId);
        return this;
    }

    /**
     * Pending deliveries fetched per round trip; default {@link #DEFAULT_DELIVERY_BATCH_SIZE}.
     *
     * @param size at least 1
     * @return this builder
     */
    public MsgsvcBuilder deliveryBatchSize(int size) {
        this.deliveryBatchSize = Checks.positive("deliveryBatchSize", size);
        return this;
    }

    /**
     * Most send results written in one transaction, and the widest issue mark; {@link #DEFAULT_RESULT_BATCH_SIZE}.
     * After a crash, the sends whose results were not yet written are repeated (same idempotency keys): at most the
     * mark's window, about twice what the channel answered in one {@link #resultFlushInterval} lately, never more than
     * this. 1 writes every result alone and repeats at most one send per reservation.
     *
     * @param size at least 1
     * @return this builder
     */
    public MsgsvcBuilder resultBatchSize(int size) {
        this.resultBatchSize = Checks.positive("resultBatchSize", size);
        return this;
    }

    /**
     * Longest a send result waits to be written (also during a slow call); {@link #DEFAULT_RESULT_FLUSH_INTERVAL}.
     *
     * @param interval positive
     * @return this builder
     */
    public MsgsvcBuilder resultFlushInterval(Duration interval) {
        this.resultFlushInterval = Checks.positive("resultFlushInterval", interval);
        return this;
    }

    /**
     * Events relayed per round trip; default {@link #DEFAULT_OUTBOX_BATCH_SIZE}. Behind a backlog the relay doubles
     * its take after each full one, up to 8 times this size but at most 4 000 events, and comes back to it once
     * caught up or when a take fails.
     *
     * @param size at least 1
     * @return this builder
     */
    public MsgsvcBuilder outboxBatchSize(int size) {
        this.outboxBatchSize = Checks.positive("outboxBatchSize", size);
        return this;
    }

    /**
     * Whether an engine with every role, on an in-process transport, projects each event in the transaction of the
     * change it reports (no outbox row or deduplication record); default true. False: through outbox and relay.
     *
     * @param inline false to project through the outbox
     * @return this builder
     */
    public MsgsvcBuilder inlineProjection(boolean inline) {
        this.inlineProjection = inline;
        return this;
    }

    /**
     * Whether an engine with several projection roles consumes them as one consumer from a broker transport: each
     * batch of events read once and applied to all of them in one transaction, instead of one consumer (and one
     * transaction) per role; default false. Together costs less per event (one read, one decoding, one commit for
     * all the roles); apart, a role whose batch fails holds back only itself, and engines with other sets of roles
     * share each role's work. The consumer is named by its roles joined with {@code +} in {@link Role#PROJECTIONS}
     * order ({@code billing+statistics+status+dashboard}; a broker's consumer group is named after it), so engines
     * playing the same roles share it. Each role still records what it applied under its own name, so engines that
     * consume apart and together may run side by side (each event is still applied once per role); a new group
     * reads the broker's retained events from the start, absorbed while the storage keeps those records.
     *
     * @param together true to consume this engine's projection roles as one consumer
     * @return this builder
     */
    public MsgsvcBuilder projectTogether(boolean together) {
        this.projectTogether = together;
        return this;
    }

    /**
     * The roles this engine plays; default all. With the in-process transport an engine that relays events must also
     * project them all, and the other way round; splitting projections off needs a broker transport.
     *
     * @param roles at least one role
     * @return this builder
     */
    public MsgsvcBuilder roles(Role... roles) {
        this.roles = Checks.roles(roles);
        return this;
    }

    /**
     * Adds a listener told each dashboard row this engine projects, from its start.
     *
     * @param listener the listener
     * @return this builder
     */
    public MsgsvcBuilder dashboardListener(DashboardListener listener) {
        dashboardListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Adds a listener told each reservation event this engine projects, from its start.
     *
     * @param listener the listener
     * @return this builder
     */
    public MsgsvcBuilder eventListener(ReservationEventListener listener) {
        eventListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * What the engine tells about its work, for metrics (msgsvc-micrometer's MsgsvcMeters); default none.
     *
     * @param metrics the metrics
     * @return this builder
     */
    public MsgsvcBuilder metrics(EngineMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        return this;
    }

    /**
     * Carries the caller's trace context to each send and projection; default {@link TracePropagation#none()}.
     *
     * @param propagation the propagation
     * @return this builder
     */
    public MsgsvcBuilder tracePropagation(TracePropagation propagation) {
        this.tracePropagation = Objects.requireNonNull(propagation, "tracePropagation");
        return this;
    }

    /**
     * Delivery window, advertising hours and lateness for every reservation; {@link CampaignDefaults#none()}.
     *
     * @param defaults the defaults
     * @return this builder
     */
    public MsgsvcBuilder campaignDefaults(CampaignDefaults defaults) {
        this.campaignDefaults = Objects.requireNonNull(defaults, "campaignDefaults");
        return this;
    }

    /**
     * Builds the engine; it does not send until started.
     *
     * @return an engine ready to {@link Msgsvc#start()}
     */
    public Msgsvc build() {
        return new Msgsvc(new EngineConfig(
                channel != null ? channel : EngineConfig.NO_CHANNEL,
                storage != null ? storage : new InMemoryStorage(),
                transport != null ? transport : new InProcessEventTransport(),
                clock,
                contentPolicy,
                retryPolicy,
                recipientPolicy,
                pricing,
                billingPolicy,
                awaitReportsFor,
                parkReportsFor,
                statisticsPeriod,
                dispatchThreads,
                sendWindow,
                dispatchSlice,
                sendingLimits,
                channelTimeout,
                isolateChannelCalls,
                lease,
                pollInterval,
                shutdownTimeout,
                nodeId != null ? nodeId : EngineConfig.generatedNodeId(),
                deliveryBatchSize,
                resultBatchSize,
                resultFlushInterval,
                outboxBatchSize,
                inlineProjection,
                projectTogether,
                roles,
                List.copyOf(dashboardListeners),
                List.copyOf(eventListeners),
                metrics,
                Tracing.of(tracePropagation),
                campaignDefaults));
    }
}
