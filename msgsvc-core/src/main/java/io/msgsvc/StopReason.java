package io.msgsvc;

/** Why a dispatch stopped issuing sends before its deliveries ran out. */
enum StopReason {
    CANCELLED,
    DEFERRED,
    LEASE_LOST,
    STOPPING,
    /** Not a stop: the next send waits here a moment for a sending permit. */
    PACED;

    /**
     * Why issuing stops once a send failed and must go again: it is deferred, also when a cancel was seen meanwhile
     * (the failed call may have reached the provider: the next sender sends it again before the cancel closes).
     */
    static StopReason afterFailure(StopReason stop) {
        return stop == null || stop == CANCELLED ? DEFERRED : stop;
    }
}
