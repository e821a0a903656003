package io.msgsvc;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * What a built engine can be asked at any moment, for gauges; handed to {@link EngineMetrics#engineBuilt}. Each
 * call reads the current figure; {@link #health()} reads the storage and should be cached by whoever polls it often.
 */
public interface EngineGauges {

    /**
     * The engine's node id.
     *
     * @return as in leases and thread names
     */
    String nodeId();

    /**
     * The roles this engine plays.
     *
     * @return an unmodifiable set
     */
    Set<Role> roles();

    /**
     * Channel calls this node has issued that have not answered yet, over all its dispatches.
     *
     * @return the calls in flight now
     */
    int sendsInFlight();

    /**
     * The engine's thread pools by name, for executor metrics (Micrometer's {@code ExecutorServiceMetrics} reads
     * their sizes and counts): {@code dispatch} (one thread per reservation being sent), {@code results} (writes of
     * send results while sends are in flight) and {@code channel} (blocking channel calls handed off a dispatching
     * thread). Owned by the engine: to be read, never shut down or given work.
     *
     * @return the pools, by name
     */
    Map<String, ExecutorService> threadPools();

    /**
     * The engine and its storage now; see {@link Msgsvc#health()}.
     *
     * @return the snapshot
     */
    MsgsvcHealth health();
}
