package io.msgsvc.spring.boot.dashboard;

import io.msgsvc.Msgsvc;
import io.msgsvc.Subscription;
import io.msgsvc.api.DashboardListener;

/**
 * Where the live stream hears of committed dashboard rows: this node's engine (the rows it projects itself), or with
 * Kafka the broadcast every replica follows ({@link MsgsvcDashboardBroadcastAutoConfiguration}).
 */
@FunctionalInterface
interface DashboardRows {
    Subscription follow(DashboardListener listener);

    static DashboardRows of(Msgsvc msgsvc) {
        return msgsvc::subscribeDashboard;
    }
}
