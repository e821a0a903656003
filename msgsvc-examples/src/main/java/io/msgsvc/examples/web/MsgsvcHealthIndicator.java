package io.msgsvc.examples.web;

import io.msgsvc.Msgsvc;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code msgsvc} (the bean name minus "HealthIndicator") in /actuator/health and the readiness group: up while the
 * engine sends and projects.
 */
@Component
class MsgsvcHealthIndicator implements HealthIndicator {
    private final Msgsvc msgsvc;

    MsgsvcHealthIndicator(Msgsvc msgsvc) {
        this.msgsvc = msgsvc;
    }

    @Override
    public Health health() {
        Health.Builder health = msgsvc.isRunning() ? Health.up() : Health.down();
        return health.withDetail("node", msgsvc.nodeId()).build();
    }
}
