package io.msgsvc;

import io.msgsvc.api.DashboardListener;
import io.msgsvc.api.MessageChannel;
import io.msgsvc.api.Pricing;
import io.msgsvc.api.ReservationEventListener;
import io.msgsvc.spi.EventTransport;
import io.msgsvc.spi.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Everything the builder gathered, frozen; see {@link MsgsvcBuilder} for what each setting means. */
record EngineConfig(
        MessageChannel channel,
        Storage storage,
        EventTransport transport,
        Clock clock,
        ContentPolicy contentPolicy,
        RetryPolicy retryPolicy,
        RecipientPolicy recipientPolicy,
        Pricing pricing,
        BillingPolicy billingPolicy,
        Duration awaitReportsFor,
        Duration parkReportsFor,
        ChronoUnit statisticsPeriod,
        int dispatchThreads,
        int sendWindow,
        Duration dispatchSlice,
        SendingLimits sendingLimits,
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
        boolean projectTogether,
        Set<Role> roles,
        List<DashboardListener> dashboardListeners,
        List<ReservationEventListener> eventListeners,
        EngineMetrics metrics,
        Tracing tracing,
        CampaignDefaults campaignDefaults) {
    private static final AtomicInteger NODE_COUNTER = new AtomicInteger();

    /** Stands in for the channel of an engine that does not send; only its length measure is ever used. */
    static final MessageChannel NO_CHANNEL = message -> {
        throw new IllegalStateException("this engine plays no SENDER role and has no channel");
    };

    EngineConfig {
        roles = Collections.unmodifiableSet(EnumSet.copyOf(roles)); // a copy: the builder may change afterwards
        if (channel == NO_CHANNEL && roles.contains(Role.SENDER)) {
            throw new IllegalStateException("channel is required for an engine that sends: "
                    + "Msgsvc.builder().channel(...), or roles(...) without SENDER");
        }
        if (lease.compareTo(channelTimeout) <= 0) {
            throw new IllegalStateException("lease (" + lease + ") must be longer than channelTimeout ("
                    + channelTimeout + "): a send must end before the lease its sender renewed runs out");
        }
        if (contentPolicy.mayChargeMoreThanOneSms() && !billingPolicy.chargesOnSubmission()) {
            // a delivery report carries no size: its charge would be priced as one SMS, under-billing the rest
            throw new IllegalStateException("contentPolicy (overLength " + contentPolicy.overLength()
                    + ") cannot go with billingPolicy (" + billingPolicy + "): a charge on delivery is priced as one"
                    + " SMS; use BillingPolicy.onAcceptance() or OverLength.REJECT");
        }
        if (transport.reachesOnlyThisProcess()) {
            boolean relays = roles.contains(Role.RELAY);
            boolean projectsAll = Role.PROJECTIONS.stream().allMatch(roles::contains);
            boolean projectsAny = Role.PROJECTIONS.stream().anyMatch(roles::contains);
            if (relays ? !projectsAll : projectsAny) {
                throw new IllegalStateException("roles " + roles + ": with in-process events, RELAY and every "
                        + "projection role (" + Role.PROJECTIONS + ") go together; use a broker transport to "
                        + "split them across processes");
            }
        }
    }

    /** Unique across processes: two nodes with one name would take each other's leases for their own. */
    static String generatedNodeId() {
        return "node-" + ProcessHandle.current().pid() + "-" + NODE_COUNTER.incrementAndGet() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /** How often the result timeout is looked after: often enough for short timeouts, at most every 30 s. */
    Duration reportSweepInterval() {
        Duration tenth = awaitReportsFor.dividedBy(10);
        Duration most = Duration.ofSeconds(30);
        return tenth.compareTo(most) < 0 ? tenth : most;
    }

    /**
     * Whether events are projected in the transaction that writes them: asked for, this engine projects every one
     * of them itself, and the transport would carry them nowhere else.
     */
    boolean projectsInline() {
        return inlineProjection && transport.reachesOnlyThisProcess() && roles.containsAll(Role.PROJECTIONS);
    }
}
