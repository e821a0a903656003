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
import java.util.List;
import java.util.Set;

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
        List<ReservationEventListener> eventListeners) {

    /**
     * Whether events are projected in the transaction that writes them: asked for, this engine projects every one
     * of them itself, and the transport would carry them nowhere else.
     */
    boolean projectsInline() {
        return inlineProjection && transport.reachesOnlyThisProcess() && roles.containsAll(Role.PROJECTIONS);
    }
}
