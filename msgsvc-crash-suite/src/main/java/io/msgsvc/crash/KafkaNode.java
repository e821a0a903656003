package io.msgsvc.crash;

import com.zaxxer.hikari.HikariDataSource;
import io.msgsvc.Msgsvc;
import io.msgsvc.MsgsvcBuilder;
import io.msgsvc.RetryPolicy;
import io.msgsvc.Role;
import io.msgsvc.jdbc.JdbcStorage;
import io.msgsvc.kafka.KafkaEventTransport;
import java.time.Duration;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * One engine of the split-roles suite, in a JVM of its own, working until it is killed: {@code KafkaNode
 * <sender|projector> <jdbc-url> <bootstrap-servers> <topic> <slot>}. A sender claims, sends and relays (SENDER,
 * RELAY); a projector plays the four projections (STATUS, BILLING, STATISTICS, DASHBOARD). They share only the
 * database and the broker.
 *
 * <p>A projector joins its consumer groups as the static member {@code <slot>}: a replacement started in the slot of
 * a killed one takes over its partitions at once, as a restarted pod of a stateful set would, instead of waiting for
 * the broker to notice that the killed one's session ended.
 */
public final class KafkaNode {
    /** Partitions of the suite's topic: two projectors get two of each group's. */
    public static final int PARTITIONS = 4;
    /**
     * The most events a projector polls, and so applies, at once: small batches, so a projector working through a
     * backlog is killed between a batch's first effects and its commit more often, and its progress moves in steps
     * the suite can stop it between.
     */
    public static final int POLL_RECORDS = 100;

    /**
     * How long a connection may take. The database stays up in this suite; a JVM starting beside three others on
     * a busy machine may well take more than the crash suite's two seconds for its first one.
     */
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(30);

    private KafkaNode() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            throw new IllegalArgumentException(
                    "usage: KafkaNode <sender|projector> <jdbc-url> <bootstrap-servers> <topic> <slot>");
        }
        String kind = args[0].toLowerCase(Locale.ROOT);
        String url = args[1];
        String slot = args[4];
        KafkaEventTransport.Builder kafka = KafkaEventTransport.builder(args[2])
                .topic(args[3])
                .partitions(PARTITIONS)
                .groupIdPrefix(args[3] + "-")
                .publishTimeout(Duration.ofSeconds(5));
        HikariDataSource engineDb = CrashNode.pool(url, "engine-" + slot, 8, CONNECTION_TIMEOUT);
        MsgsvcBuilder engine = Msgsvc.builder()
                .storage(JdbcStorage.builder(engineDb).cleanupInterval(null).build())
                .nodeId(slot)
                .pollInterval(Duration.ofMillis(200));
        switch (kind) {
            case "sender" ->
                engine.roles(Role.SENDER, Role.RELAY)
                        .channel(new SimulatedProvider(
                                CrashNode.pool(url, "provider-" + slot, 4, CONNECTION_TIMEOUT), slot))
                        .dispatchThreads(CrashNode.DISPATCH_THREADS)
                        .resultBatchSize(CrashNode.RESULT_BATCH)
                        .sendWindow(CrashNode.SEND_WINDOW)
                        // no sender is killed here: room for a busy machine, where a timeout is a repeat of the key
                        .channelTimeout(Duration.ofSeconds(5))
                        .lease(Duration.ofSeconds(15))
                        .retryPolicy(RetryPolicy.exponential(30, Duration.ofMillis(50), 2.0, Duration.ofSeconds(1)));
            case "projector" -> {
                engine.roles(Role.STATUS, Role.BILLING, Role.STATISTICS, Role.DASHBOARD);
                kafka.consumerProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, POLL_RECORDS);
            }
            default -> throw new IllegalArgumentException("kind must be sender or projector, was " + args[0]);
        }
        kafka.consumerProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, slot);
        Msgsvc started = engine.eventTransport(kafka.build()).build().start();
        System.out.println(kind + " " + slot + " started as " + started.nodeId());
        Thread.currentThread().join(); // until the suite kills this JVM
    }
}
