package io.msgsvc.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.msgsvc.Msgsvc;
import io.msgsvc.Role;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.jdbc.JdbcStorage;
import io.msgsvc.kafka.KafkaEventTransport;
import io.msgsvc.kafka.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Split roles in JVMs of their own ({@link KafkaNode}): senders (sender + relay) and projectors (status, billing,
 * statistics, dashboard) that share only one PostgreSQL database and one KRaft broker, which this JVM runs. Each
 * test registers its reservations through a front end here that never sends, lets the nodes work, and checks the
 * outcome through the engine's queries and the gateway's log ({@link ExactlyOnce}) once every projection group has
 * read its topic to the end ({@link ProjectionFence}). Bounded: about a minute on two cores. Prints its figures.
 */
class SplitRolesTest {
    private static final int RESERVATIONS = 24;
    private static final int RECIPIENTS = 40;
    private static final int DELIVERIES = RESERVATIONS * RECIPIENTS;
    private static final Set<String> CUSTOMERS =
            IntStream.range(0, 4).mapToObj(c -> "customer-" + c).collect(Collectors.toCollection(TreeSet::new));
    /** A bound for each wait, not a pace: on an idle machine the class takes about a minute and a half. */
    private static final Duration SETTLE_WITHIN = Duration.ofMinutes(3);
    /** Each node's output, kept after the run: what a failure needs looked at. */
    private static final Path LOGS = Path.of("target", "split-roles");

    @TempDir
    static Path work;

    private static CrashingPostgres postgres;
    private static TestKafka kafka;

    private final List<Process> nodes = new ArrayList<>();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private String url;
    private String topic;
    private Msgsvc frontEnd;
    private GatewayLog gateway;
    private int started;

    @BeforeAll
    static void servers() throws Exception {
        Files.createDirectories(LOGS);
        try (var previous = Files.list(LOGS)) {
            for (Path log : previous.toList()) {
                Files.delete(log);
            }
        }
        postgres = CrashingPostgres.start(work.resolve("pgdata"));
        kafka = TestKafka.start();
    }

    @AfterAll
    static void stopServers() {
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** A database, a topic and consumer groups of this test's own; the front end that registers and reads. */
    private void prepare(String name) throws SQLException {
        url = postgres.createDatabase(name);
        topic = "events-" + name;
        kafka.createTopic(topic, KafkaNode.PARTITIONS);
        kafka.createTopic(topic + ".dlq", KafkaNode.PARTITIONS);
        HikariDataSource suiteDb = CrashNode.pool(url, "suite", 4);
        opened.add(suiteDb);
        JdbcStorage storage = JdbcStorage.builder(suiteDb)
                .migrate(true)
                .cleanupInterval(null)
                .cacheSize(0) // reads what the other processes stored, never a row cached here
                .build();
        opened.add(storage);
        SimulatedProvider.createTables(suiteDb);
        gateway = new GatewayLog(suiteDb);
        // registers (its events wait in the outbox for the senders' relays) and reads; never started, never sends
        frontEnd = Msgsvc.builder()
                .storage(storage)
                .eventTransport(KafkaEventTransport.builder(kafka.bootstrapServers())
                        .topic(topic)
                        .build())
                .roles(Role.RELAY)
                .build();
    }

    @AfterEach
    void stopNodes() throws Exception {
        for (Process node : nodes) {
            Jvms.kill(node);
        }
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    @Test
    void twoSendersAndTwoProjectorsSendAndCountEveryDeliveryOnceInOrder() throws Exception {
        long began = System.nanoTime();
        prepare("procs");
        List<Reservation> booked = register(Duration.ofSeconds(5));
        start("sender", "sender-0");
        start("sender", "sender-1");
        start("projector", "projector-0");
        start("projector", "projector-1");

        ExactlyOnce.Figures figures = settle(booked);

        assertThat(gateway.callingNodes()).containsExactlyInAnyOrder("sender-0", "sender-1");
        assertThat(membersHoldingPartitions())
                .as("both projectors consume in every projection group")
                .allSatisfy((group, members) ->
                        assertThat(members).containsExactlyInAnyOrder("projector-0", "projector-1"));
        assertThat(figures.deliveries()).isEqualTo(DELIVERIES);
        System.out.printf(
                "split roles, 2 senders and 2 projectors in their own JVMs: %d reservations, %d deliveries, %d sent,"
                        + " %d failed; gateway calls %d, accepted again under the same key %d; %.0f s%n",
                RESERVATIONS,
                figures.deliveries(),
                figures.sent(),
                figures.failed(),
                figures.calls(),
                figures.repeatedAccepted(),
                (System.nanoTime() - began) / 1e9);
    }

    @Test
    void aProjectorKilledMidBatchLeavesEveryEffectOnceAfterItComesBack() throws Exception {
        long began = System.nanoTime();
        prepare("killed");
        List<Reservation> booked = register(Duration.ZERO);
        start("sender", "sender-0");
        start("sender", "sender-1");
        // a backlog first, so the projector is busy applying batches whenever it is killed
        await().atMost(SETTLE_WITHIN).until(() -> gateway.accepted() >= DELIVERIES / 2);
        Process projector = start("projector", "projector-0");

        List<Long> chargedAtKill = new ArrayList<>();
        long charged = 0;
        // at a fifth and two fifths of the deliveries, each time after this incarnation applied some itself:
        // a projector's batch (KafkaNode.POLL_RECORDS events) never reaches the end
        for (int fifth = 1; fifth <= 2; fifth++) {
            long target = Math.max((long) DELIVERIES * fifth / 5, charged + 1);
            await("billing past " + target)
                    .atMost(SETTLE_WITHIN)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> ExactlyOnce.charges(frontEnd, CUSTOMERS) >= target);
            Jvms.kill(projector);
            nodes.remove(projector);
            charged = ExactlyOnce.charges(frontEnd, CUSTOMERS); // what the killed JVM had committed
            chargedAtKill.add(charged);
            projector = start("projector", "projector-0"); // comes back in the same slot
        }

        ExactlyOnce.Figures figures = settle(booked);

        assertThat(chargedAtKill)
                .as("each kill found the projector with some charges applied and some not")
                .allSatisfy(c -> assertThat(c).isPositive().isLessThan(figures.sent()));
        System.out.printf(
                "split roles, a projector killed with SIGKILL mid-batch %d times (charges applied then: %s of %d):"
                        + " %d deliveries, %d sent, %d failed, every effect once; %.0f s%n",
                chargedAtKill.size(),
                chargedAtKill,
                figures.sent(),
                figures.deliveries(),
                figures.sent(),
                figures.failed(),
                (System.nanoTime() - began) / 1e9);
    }

    /** Reservations of four customers, falling due over {@code dueOver} from now. */
    private List<Reservation> register(Duration dueOver) {
        Instant first = Instant.now();
        List<Reservation> reservations = new ArrayList<>();
        for (int r = 0; r < RESERVATIONS; r++) {
            int n = r;
            reservations.add(frontEnd.reserve(ReservationRequest.builder()
                    .customerId("customer-" + r % CUSTOMERS.size())
                    .text("Sale " + r)
                    .recipients(IntStream.range(0, RECIPIENTS)
                            .mapToObj(i -> "+82-10-" + n + "-" + i)
                            .toList())
                    .sendAt(first.plus(dueOver.multipliedBy(r).dividedBy(RESERVATIONS)))
                    .build()));
        }
        return reservations;
    }

    private Process start(String kind, String slot) throws Exception {
        Path log = LOGS.resolve(topic + "-" + slot + "-" + started++ + ".log");
        Process node = Jvms.start(log, KafkaNode.class, kind, url, kafka.bootstrapServers(), topic, slot);
        nodes.add(node);
        return node;
    }

    /**
     * Waits until every effect is there, then until every projection group has read to the end of its topic (a
     * redelivered tail would have been applied by then), and checks again: exactly, once.
     */
    private ExactlyOnce.Figures settle(List<Reservation> booked) throws SQLException {
        await("every effect once")
                .atMost(SETTLE_WITHIN)
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .untilAsserted(() -> ExactlyOnce.check(frontEnd, booked, gateway));
        try (ProjectionFence fence = new ProjectionFence(kafka.bootstrapServers(), topic)) {
            fence.waitForEveryGroup();
        }
        return ExactlyOnce.check(frontEnd, booked, gateway);
    }

    /** Per projection group, the static members (projector slots) that hold partitions of it now. */
    private Map<String, List<String>> membersHoldingPartitions() throws Exception {
        Map<String, List<String>> holders = new TreeMap<>();
        List<String> groups = Role.PROJECTIONS.stream()
                .map(role -> topic + "-" + role.consumerName())
                .toList();
        try (Admin admin = kafka.admin()) {
            for (ConsumerGroupDescription group :
                    admin.describeConsumerGroups(groups).all().get().values()) {
                holders.put(
                        group.groupId(),
                        group.members().stream()
                                .filter(m -> !m.assignment().topicPartitions().isEmpty())
                                .map(MemberDescription::groupInstanceId)
                                .map(id -> id.orElse("(dynamic member)"))
                                .toList());
            }
        }
        return holders;
    }
}
