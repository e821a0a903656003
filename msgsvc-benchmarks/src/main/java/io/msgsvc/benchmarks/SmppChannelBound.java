package io.msgsvc.benchmarks;

import io.msgsvc.benchmarks.Rows.Row;
import io.msgsvc.smpp.SmppChannel;
import io.msgsvc.smpp.SmscReceiptAnswer;
import io.msgsvc.smpp.SmscSimulator;
import io.msgsvc.smpp.SmscSubmit;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * The channel-bound run ({@link ChannelBound}) through the real SMPP stack: {@link SmppChannel}, one session with a
 * window of {@code o.gatewayWindow}, to the {@link SmscSimulator} in this JVM answering every {@code submit_sm} in
 * {@code o.gatewayLatencyMs}. Twice: without delivery receipts (an accepted submit is final), and with one receipt
 * per submit (the reservation is {@code COMPLETED} once every receipt is stored). Each run is checked against what the
 * simulator saw: every destination submitted and accepted once, and every receipt answered {@code ESME_ROK}.
 */
final class SmppChannelBound {
    private static final String SYSTEM_ID = "msgsvc";
    private static final String PASSWORD = "secret";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private SmppChannelBound() {}

    /** Runs both, prints them and adds their rows. */
    static void benchmark(
            PostgresServers servers, PostgresServers.Durability d, Options o, List<Row> rows, List<String> notes)
            throws Exception {
        System.out.printf(
                Locale.ROOT,
                "%n== smpp: one reservation of %,d recipients, SmppChannel (1 session, window %d) to the SMSC"
                        + " simulator answering in %d ms, PostgreSQL %s ==%n",
                o.gatewayRecipients,
                o.gatewayWindow,
                o.gatewayLatencyMs,
                d.label);
        // a short run first, so the timed ones do not pay for class loading and the JIT's first compilations
        run(servers.newDatabase(d), o, ChannelBound.warmUp(o), true);
        for (boolean receipts : new boolean[] {false, true}) {
            ChannelBound.Result r = run(servers.newDatabase(d), o, o.gatewayRecipients, receipts);
            String kind = receipts ? "a receipt each" : "no receipts";
            ChannelBound.report(
                    "smpp",
                    receipts ? "smpp, receipts" : "smpp, no receipts",
                    "SmppChannel, window " + o.gatewayWindow + ", " + o.gatewayLatencyMs + " ms SMSC, " + kind,
                    String.format(
                            Locale.ROOT,
                            "SMPP, %s: one reservation of %,d recipients through SmppChannel to the SMSC simulator"
                                    + " answering in %d ms with %d in flight, %s",
                            d.label,
                            o.gatewayRecipients,
                            o.gatewayLatencyMs,
                            o.gatewayWindow,
                            kind),
                    d,
                    o,
                    r,
                    rows,
                    notes);
        }
    }

    private static ChannelBound.Result run(String url, Options o, int n, boolean receipts) throws Exception {
        try (SmscSimulator smsc = SmscSimulator.start(SYSTEM_ID, PASSWORD);
                SmppChannel smpp = SmppChannel.builder("127.0.0.1", smsc.port())
                        .account(SYSTEM_ID, PASSWORD)
                        .sourceAddress("15880000", 0, 1)
                        .window(1, o.gatewayWindow, Duration.ofSeconds(5))
                        .registeredDelivery(receipts)
                        .build()) {
            smsc.answerDelay(Duration.ofMillis(o.gatewayLatencyMs));
            ChannelBound.Result r = ChannelBound.run(url, o, n, receipts ? "smpp-receipts" : "smpp", smpp, engine -> {
                smpp.start(engine::reportDeliveries);
                await(() -> smpp.boundSessions() > 0, "no SMPP session bound");
            });
            // the simulator notes a receipt's answer after the client stored it, so maybe after the dashboard saw it
            await(() -> smsc.receiptAnswers().size() >= (receipts ? n : 0), "receipts unanswered");
            check(smsc, n, receipts);
            System.out.printf(
                    Locale.ROOT,
                    "    %s: %,d submits, %,d receipts answered; the engine called the channel for %,d deliveries,"
                            + " %d times again; %d bind(s), %d unreadable receipts%n",
                    receipts ? "receipts" : "no receipts",
                    smsc.submits().size(),
                    smsc.receiptAnswers().size(),
                    r.called(),
                    r.repeated(),
                    smpp.binds(),
                    smpp.unreadableReceipts());
            return r;
        }
    }

    /** Every destination accepted exactly once and, with receipts, every accepted submit's receipt answered 0. */
    private static void check(SmscSimulator smsc, int n, boolean receipts) {
        List<SmscSubmit> accepted =
                smsc.submits().stream().filter(SmscSubmit::accepted).toList();
        long destinations =
                accepted.stream().map(SmscSubmit::destinationAddr).distinct().count();
        if (accepted.size() != n || destinations != n) {
            throw new IllegalStateException("smpp run: the SMSC accepted " + accepted.size() + " submits to "
                    + destinations + " destinations, expected " + n);
        }
        List<SmscReceiptAnswer> answers = smsc.receiptAnswers();
        long stored = answers.stream().filter(a -> a.commandStatus() == 0).count();
        long receipted =
                answers.stream().map(SmscReceiptAnswer::messageId).distinct().count();
        int expected = receipts ? n : 0;
        if (answers.size() != expected || stored != expected || receipted != expected) {
            throw new IllegalStateException("smpp run: " + answers.size() + " receipts answered, " + stored
                    + " with status 0, for " + receipted + " messages; expected " + expected);
        }
    }

    private static void await(BooleanSupplier condition, String failure) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("smpp run: " + failure + " within " + WAIT);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("smpp run: interrupted", e);
            }
        }
    }
}
