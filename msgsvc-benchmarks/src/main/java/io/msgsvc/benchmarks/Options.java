package io.msgsvc.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Command-line options; the defaults are the quick mode, {@code --full} the full scale. */
final class Options {
    int deliveries = 20_000; // drain backlog (all three contenders)
    int recipientsPerReservation = 1_000;
    int latencyReservations = 1_000; // single-recipient reservations for the latency run
    int latencyWindowSeconds = 10; // their due times are spread over this window
    int bigRecipients = 100_000; // the one big reservation
    String bigHeap = "256m"; // -Xmx of the child JVM that registers and sends it
    int scaleDeliveries = 20_000; // backlog for the 1, 2, 3 node run
    int maxNodes = 3;
    List<PostgresServers.Durability> modes =
            new ArrayList<>(List.of(PostgresServers.Durability.DURABLE, PostgresServers.Durability.FAST));
    // msgsvc tuning (defaults of the library unless given)
    int dispatchThreads = 8;
    int resultBatchSize = 500;
    int deliveryBatchSize = 500;
    int outboxBatchSize = 500;
    int poolSize = 20;
    // db-scheduler tuning
    int dbsThreads = 16;
    double dbsLowerLimit = 0.5;
    double dbsUpperLimit = 4.0;
    // raw floor tuning
    int rawThreads = 4;
    int rawBatch = 500;
    boolean drain = true;
    /** Drain without a warm-up: the projection tables have no statistics yet (a fresh install). */
    boolean cold = false;

    int warmupDeliveries = 5_000;
    /**
     * The untimed warm-up of the drains (raw, db-scheduler, msgsvc, and the 1/2/3-engine runs): long enough that
     * the JIT compilers, sharing the cores with the timed part, have done most of their work before it.
     */
    int drainWarmupDeliveries = 50_000;
    /** Channel-bound run: one reservation this large, through a gateway answering this late, this many in flight. */
    int gatewayRecipients = 20_000;

    int gatewayLatencyMs = 20;
    int gatewayWindow = 64;
    /** Shared-gateway run: this many customers' reservations of this many recipients, through a gateway capped so. */
    int sharedReservations = 20;

    int sharedRecipients = 2_000;
    int sharedSpeed = 2_000;
    java.util.Set<String> contenders = new java.util.HashSet<>(List.of(
            "raw",
            "db-scheduler",
            "msgsvc",
            "msgsvc-isolated",
            "msgsvc-reports",
            "msgsvc-gateway",
            "msgsvc-smpp",
            "msgsvc-shared-gateway"));
    boolean isolateChannelCalls = false;
    boolean latency = true;
    boolean big = true;
    boolean scale = true;

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--full" -> {
                    o.deliveries = 1_000_000;
                    o.latencyReservations = 10_000;
                    o.latencyWindowSeconds = 60;
                    o.bigRecipients = 1_000_000;
                    o.scaleDeliveries = 200_000;
                }
                case "--deliveries" -> o.deliveries = Integer.parseInt(args[++i]);
                case "--per-reservation" -> o.recipientsPerReservation = Integer.parseInt(args[++i]);
                case "--latency-reservations" -> o.latencyReservations = Integer.parseInt(args[++i]);
                case "--latency-window" -> o.latencyWindowSeconds = Integer.parseInt(args[++i]);
                case "--big-recipients" -> o.bigRecipients = Integer.parseInt(args[++i]);
                case "--big-heap" -> o.bigHeap = args[++i];
                case "--scale-deliveries" -> o.scaleDeliveries = Integer.parseInt(args[++i]);
                case "--max-nodes" -> o.maxNodes = Integer.parseInt(args[++i]);
                case "--modes" -> {
                    o.modes.clear();
                    for (String m : args[++i].split(",")) {
                        o.modes.add(PostgresServers.Durability.valueOf(m.trim().toUpperCase(Locale.ROOT)));
                    }
                }
                case "--dispatch-threads" -> o.dispatchThreads = Integer.parseInt(args[++i]);
                case "--result-batch" -> o.resultBatchSize = Integer.parseInt(args[++i]);
                case "--delivery-batch" -> o.deliveryBatchSize = Integer.parseInt(args[++i]);
                case "--outbox-batch" -> o.outboxBatchSize = Integer.parseInt(args[++i]);
                case "--pool-size" -> o.poolSize = Integer.parseInt(args[++i]);
                case "--dbs-threads" -> o.dbsThreads = Integer.parseInt(args[++i]);
                case "--dbs-limits" -> {
                    String[] l = args[++i].split(",");
                    o.dbsLowerLimit = Double.parseDouble(l[0]);
                    o.dbsUpperLimit = Double.parseDouble(l[1]);
                }
                case "--raw-threads" -> o.rawThreads = Integer.parseInt(args[++i]);
                case "--contenders" -> o.contenders = new java.util.HashSet<>(List.of(args[++i].split(",")));
                case "--cold" -> o.cold = true;
                case "--gateway-recipients" -> o.gatewayRecipients = Integer.parseInt(args[++i]);
                case "--gateway-latency" -> o.gatewayLatencyMs = Integer.parseInt(args[++i]);
                case "--gateway-window" -> o.gatewayWindow = Integer.parseInt(args[++i]);
                case "--shared-reservations" -> o.sharedReservations = Integer.parseInt(args[++i]);
                case "--shared-recipients" -> o.sharedRecipients = Integer.parseInt(args[++i]);
                case "--shared-speed" -> o.sharedSpeed = Integer.parseInt(args[++i]);
                case "--warmup" -> o.warmupDeliveries = Integer.parseInt(args[++i]);
                case "--drain-warmup" -> o.drainWarmupDeliveries = Integer.parseInt(args[++i]);
                case "--raw-batch" -> o.rawBatch = Integer.parseInt(args[++i]);
                case "--only" -> {
                    o.drain = o.latency = o.big = o.scale = false;
                    for (String part : args[++i].split(",")) {
                        switch (part.trim()) {
                            case "drain" -> o.drain = true;
                            case "latency" -> o.latency = true;
                            case "big" -> o.big = true;
                            case "scale" -> o.scale = true;
                            default -> throw new IllegalArgumentException("--only takes drain,latency,big,scale");
                        }
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + a + "; see BENCHMARKS.md");
            }
        }
        if (o.deliveries % o.recipientsPerReservation != 0
                || o.scaleDeliveries % o.recipientsPerReservation != 0
                || o.drainWarmupDeliveries % o.recipientsPerReservation != 0) {
            throw new IllegalArgumentException(
                    "--deliveries, --scale-deliveries and --drain-warmup must be multiples of "
                            + o.recipientsPerReservation);
        }
        if (o.drainWarmupDeliveries % o.rawBatch != 0) {
            // the floor's warm-up claims whole batches: a part batch would take rows of the timed backlog
            throw new IllegalArgumentException("--drain-warmup must be a multiple of --raw-batch " + o.rawBatch);
        }
        return o;
    }

    String describe() {
        return String.format(
                Locale.ROOT,
                "--deliveries %d --per-reservation %d --latency-reservations %d "
                        + "--latency-window %d --big-recipients %d --big-heap %s --scale-deliveries %d --max-nodes %d "
                        + "--modes %s --dispatch-threads %d --result-batch %d --delivery-batch %d --outbox-batch %d "
                        + "--pool-size %d --warmup %d --drain-warmup %d%s --dbs-threads %d --dbs-limits %s,%s "
                        + "--raw-threads %d "
                        + "--raw-batch %d --gateway-recipients %d --gateway-latency %d --gateway-window %d "
                        + "--shared-reservations %d --shared-recipients %d --shared-speed %d",
                deliveries,
                recipientsPerReservation,
                latencyReservations,
                latencyWindowSeconds,
                bigRecipients,
                bigHeap,
                scaleDeliveries,
                maxNodes,
                String.join(
                        ",",
                        modes.stream()
                                .map(PostgresServers.Durability::shortName)
                                .toList()),
                dispatchThreads,
                resultBatchSize,
                deliveryBatchSize,
                outboxBatchSize,
                poolSize,
                warmupDeliveries,
                drainWarmupDeliveries,
                cold ? " --cold" : "",
                dbsThreads,
                dbsLowerLimit,
                dbsUpperLimit,
                rawThreads,
                rawBatch,
                gatewayRecipients,
                gatewayLatencyMs,
                gatewayWindow,
                sharedReservations,
                sharedRecipients,
                sharedSpeed);
    }
}
