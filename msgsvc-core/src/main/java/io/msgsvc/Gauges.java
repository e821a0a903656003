package io.msgsvc;

import io.msgsvc.spi.DispatchBacklog;
import io.msgsvc.spi.OutboxBacklog;
import io.msgsvc.spi.TransportHealth;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;

/** What an engine answers about itself now: its health snapshot and the figures behind its gauges. */
final class Gauges implements EngineGauges {
    private final EngineConfig config;
    private final BooleanSupplier running;
    private final ChannelInvoker channel;
    private final Map<String, ExecutorService> pools;

    Gauges(EngineConfig config, BooleanSupplier running, ChannelInvoker channel, Map<String, ExecutorService> pools) {
        this.config = config;
        this.running = running;
        this.channel = channel;
        this.pools = Map.copyOf(pools);
    }

    @Override
    public String nodeId() {
        return config.nodeId();
    }

    @Override
    public Set<Role> roles() {
        return config.roles();
    }

    @Override
    public int sendsInFlight() {
        return channel.callsInFlight();
    }

    @Override
    public Map<String, ExecutorService> threadPools() {
        return pools;
    }

    /** Each figure one bounded read; a storage that does not answer makes a snapshot that says why, not a throw. */
    @Override
    public MsgsvcHealth health() {
        Instant now = config.clock().instant();
        boolean isRunning = running.getAsBoolean();
        TransportHealth transport = transportHealth(now);
        try {
            DispatchBacklog dispatch = config.storage().dispatchQueue().backlog(now, MsgsvcHealth.COUNT_LIMIT);
            OutboxBacklog outbox = config.storage().outbox().backlog(MsgsvcHealth.COUNT_LIMIT);
            return new MsgsvcHealth(config.nodeId(), isRunning, now, null, dispatch, outbox, transport);
        } catch (RuntimeException e) {
            return new MsgsvcHealth(config.nodeId(), isRunning, now, String.valueOf(e), null, null, transport);
        }
    }

    /** A transport whose health hook throws is reported unreachable with why, like a storage that does not answer. */
    private TransportHealth transportHealth(Instant now) {
        try {
            return config.transport().health();
        } catch (RuntimeException e) {
            return TransportHealth.unreachable(config.transport().getClass().getSimpleName(), String.valueOf(e), now);
        }
    }
}
