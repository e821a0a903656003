package io.msgsvc;

import java.time.Duration;

/**
 * What an engine tells about its work as it does it, for metrics: set with {@link MsgsvcBuilder#metrics}; the
 * Micrometer binding is msgsvc-micrometer's {@code MsgsvcMeters}. Each node tells its own share: the sends it
 * recorded, the reports it applied, the events it relayed and projected, so a sender-only node counts its sends and a
 * projecting node its projection lag.
 *
 * <p>Called on the engine's threads, often (results and reports once per transaction, not per delivery; retries and
 * throttles per answer): an implementation must be quick, must not block and must not throw. Every method does
 * nothing by default; {@link #none()} is the engine's default and costs nothing.
 */
public interface EngineMetrics {

    /**
     * The engine was built: what it can be asked for gauges (sends in flight, thread pools, the health snapshot).
     * Called once per engine, before it starts.
     *
     * @param engine the built engine's gauges
     */
    default void engineBuilt(EngineGauges engine) {}

    /**
     * Send results this node stored in one transaction (results another node got to first are not among them).
     *
     * @param sent               accepted by a channel that does not report delivery: final
     * @param submitted          accepted by a channel that reports delivery: awaiting the report
     * @param failedPermanently  refused by the channel for good
     * @param failedAfterRetries failed transiently on the last attempt the retry policy allows
     */
    default void sendsRecorded(int sent, int submitted, int failedPermanently, int failedAfterRetries) {}

    /** A send failed transiently and goes again after its backoff (the attempt counts). */
    default void sendRetried() {}

    /**
     * The provider asked to slow down; the send goes again later without using up an attempt.
     *
     * @param wholeChannel true: the whole channel waits ({@code channelThrottled}); false: this reservation waits
     */
    default void sendThrottled(boolean wholeChannel) {}

    /**
     * Final delivery states this node stored in one transaction: reports applied (late corrections included) and
     * result timeouts, which end a delivery as unknown.
     *
     * @param delivered   reported delivered
     * @param undelivered reported undelivered (or rejected by the carrier)
     * @param expired     reported expired
     * @param unknown     reported unknown, or no report within the result timeout
     */
    default void reportsApplied(int delivered, int undelivered, int expired, int unknown) {}

    /**
     * Deliveries this node ended unsent in one transaction by the campaign rules: never handed to a channel, never
     * billed.
     *
     * @param skipped       their recipient was on an opt-out list when their turn came
     * @param expiredUnsent their reservation expired before their turn
     */
    default void deliveriesNotSent(int skipped, int expiredUnsent) {}

    /**
     * Reservations this node registered in one transaction (a repeated idempotent call registers none).
     *
     * @param count how many
     */
    default void reservationsRegistered(int count) {}

    /**
     * This node applied a batch of events from the transport for one projection role. Inline projection (in the
     * writing transaction) has no lag and is not told.
     *
     * @param role      the projection role
     * @param events    how many events the batch held
     * @param oldestLag from when the batch's oldest event happened to when its effect committed here
     */
    default void projected(Role role, int events, Duration oldestLag) {}

    /**
     * This node's relay handed a batch of outbox events to the transport.
     *
     * @param events    how many
     * @param oldestLag from when the batch's oldest event was written to when the transport took it
     */
    default void relayed(int events, Duration oldestLag) {}

    /**
     * The default: tells nobody and costs nothing.
     *
     * @return the no-op instance
     */
    static EngineMetrics none() {
        return NoMetrics.INSTANCE;
    }
}

/** The engine's default: no metrics. */
enum NoMetrics implements EngineMetrics {
    INSTANCE
}
