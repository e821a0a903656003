package io.msgsvc.crash;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.msgsvc.Msgsvc;
import io.msgsvc.RetryPolicy;
import io.msgsvc.jdbc.JdbcStorage;
import java.time.Duration;

/**
 * One engine of the crash suite, in a JVM of its own, sending until it is killed: {@code CrashNode <jdbc-url>
 * <node-id>}. Short leases, so a killed node's reservations move on within seconds; many attempts with short
 * backoffs, so a database restart is outlasted.
 */
public final class CrashNode {
    /** How long a killed node's reservations wait before another node takes them over. */
    static final Duration LEASE = Duration.ofSeconds(3);

    static final int DISPATCH_THREADS = 4;
    /**
     * Results per transaction, and so the widest issue mark: what a lost sender may leave to be sent again, per
     * reservation. Small, so the suite can hold the engine to it with 40 recipients a reservation.
     */
    static final int RESULT_BATCH = 8;
    /** Sends of one reservation in flight at once: the gateway answers in milliseconds, so the window fills. */
    static final int SEND_WINDOW = 8;

    private CrashNode() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String node = args[1];
        HikariDataSource engineDb = pool(url, "engine-" + node, 8);
        HikariDataSource providerDb = pool(url, "provider-" + node, 4);
        Msgsvc engine = Msgsvc.builder()
                .storage(JdbcStorage.builder(engineDb).cleanupInterval(null).build())
                .channel(new SimulatedProvider(providerDb, node))
                .nodeId(node)
                .dispatchThreads(DISPATCH_THREADS)
                .resultBatchSize(RESULT_BATCH)
                .sendWindow(SEND_WINDOW)
                .lease(LEASE)
                .channelTimeout(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(200))
                .retryPolicy(RetryPolicy.exponential(30, Duration.ofMillis(50), 2.0, Duration.ofSeconds(1)))
                .build()
                .start();
        System.out.println(node + " started as " + engine.nodeId());
        Thread.currentThread().join(); // until the suite kills this JVM
    }

    static HikariDataSource pool(String url, String name, int size) {
        // a database that went away is noticed quickly, and the pool fills again once it is back
        return pool(url, name, size, Duration.ofSeconds(2));
    }

    static HikariDataSource pool(String url, String name, int size, Duration connectionTimeout) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(connectionTimeout.toMillis());
        config.setValidationTimeout(1_000);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }
}
