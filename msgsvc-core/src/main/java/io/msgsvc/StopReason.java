package io.msgsvc;

/** Why a dispatch stopped issuing sends before its deliveries ran out. */
enum StopReason {
    CANCELLED,
    DEFERRED,
    LEASE_LOST,
    /** The engine is stopping, or the customer paused: results stored, lease released with the issue mark kept. */
    STOPPING,
    /** Not a stop: the next send waits here a moment for a sending permit. */
    PACED;

    /** Why the store refused to raise the issue mark: another node holds the lease, a pause, or a cancel. */
    static StopReason markRefused(boolean leaseLost, boolean paused) {
        return leaseLost ? LEASE_LOST : paused ? STOPPING : CANCELLED;
    }

    /**
     * Why issuing stops once a send failed and must go again: it is deferred, also when a cancel was seen meanwhile
     * (the failed call may have reached the provider: the next sender sends it again before the cancel closes).
     */
    static StopReason afterFailure(StopReason stop) {
        return stop == null || stop == CANCELLED ? DEFERRED : stop;
    }
}
