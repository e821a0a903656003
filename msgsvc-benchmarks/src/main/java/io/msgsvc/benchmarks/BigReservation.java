package io.msgsvc.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.msgsvc.Msgsvc;
import io.msgsvc.RecipientPolicy;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.jdbc.JdbcStorage;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One reservation of R recipients, registered and sent in a child JVM with a small heap ({@code -Xmx256m} by
 * default): if it finishes, it fitted. Used heap is sampled every 10 ms with the MemoryMXBean, separately while
 * registering and while sending.
 */
final class BigReservation {
    record Result(
            int recipients,
            String xmx,
            boolean passed,
            double registerSeconds,
            double sendSeconds,
            double peakRegisterMb,
            double peakSendMb,
            double maxHeapMb,
            String failure) {
        double sendRate() {
            return recipients / sendSeconds;
        }
    }

    private BigReservation() {}

    /** Runs the child JVM against the given database and reads its result line. */
    static Result run(String url, int recipients, String xmx) throws Exception {
        List<String> command = List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx" + xmx,
                "-XX:+UseG1GC",
                "-XX:+ExitOnOutOfMemoryError",
                "-Djava.awt.headless=true",
                "-cp",
                classpath(),
                BigReservation.class.getName(),
                url,
                Integer.toString(recipients));
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Map<String, String> values = new TreeMap<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    for (String kv : line.substring(7).trim().split(" ")) {
                        String[] parts = kv.split("=", 2);
                        values.put(parts[0], parts[1]);
                    }
                } else {
                    System.out.println("    [child] " + line);
                }
            }
        }
        int exit = p.waitFor();
        if (exit != 0 || values.isEmpty()) {
            return new Result(
                    recipients,
                    xmx,
                    false,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    "child JVM exited with " + exit + (exit == 3 ? " (OutOfMemoryError)" : ""));
        }
        return new Result(
                recipients,
                xmx,
                true,
                d(values, "registerSeconds"),
                d(values, "sendSeconds"),
                d(values, "peakRegisterMb"),
                d(values, "peakSendMb"),
                d(values, "maxHeapMb"),
                null);
    }

    private static double d(Map<String, String> values, String key) {
        return Double.parseDouble(values.get(key));
    }

    /**
     * The class path of this run: exec:java loads the project through a URLClassLoader, a plain JVM has it in
     * java.class.path.
     */
    static String classpath() {
        Set<String> entries = new LinkedHashSet<>();
        for (ClassLoader cl = BigReservation.class.getClassLoader(); cl != null; cl = cl.getParent()) {
            if (cl instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    try {
                        entries.add(new File(url.toURI()).getPath());
                    } catch (Exception e) {
                        entries.add(url.getPath());
                    }
                }
            }
        }
        String own = System.getProperty("java.class.path", "");
        if (entries.isEmpty() || !own.contains("plexus-classworlds")) {
            entries.addAll(List.of(own.split(File.pathSeparator)));
        }
        return String.join(File.pathSeparator, entries);
    }

    /** The child: args = JDBC URL, recipients. */
    public static void main(String[] args) throws Exception {
        String url = args[0];
        int recipients = Integer.parseInt(args[1]);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peakRegister = new AtomicLong();
        AtomicLong peakSend = new AtomicLong();
        AtomicLong current = new AtomicLong();
        Thread sampler = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        long used = memory.getHeapMemoryUsage().getUsed();
                        AtomicLong t = current.get() == 0 ? peakRegister : peakSend;
                        t.accumulateAndGet(used, Math::max);
                        try {
                            Thread.sleep(10);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        LongAdder calls = new LongAdder();
        CountDownLatch done = new CountDownLatch(1);
        try (HikariDataSource pool = PostgresServers.pool(url, 16, "big");
                JdbcStorage storage = JdbcStorage.builder(pool)
                        .migrate(true)
                        .cleanupInterval(null)
                        .build();
                Msgsvc msgsvc = Msgsvc.builder()
                        .storage(storage)
                        .recipientPolicy(RecipientPolicy.defaults().withMaxRecipients(recipients))
                        .channel(m -> {
                            calls.increment();
                            return SendOutcome.accepted("ok");
                        })
                        .dashboardListener(v -> {
                            if (v.status() == ReservationStatus.COMPLETED) {
                                done.countDown();
                            }
                        })
                        .build()) {
            List<String> list = new ArrayList<>(recipients);
            for (int i = 0; i < recipients; i++) {
                list.add("+8210" + (10_000_000 + i));
            }
            long t0 = System.nanoTime();
            msgsvc.reserve(ReservationRequest.builder()
                    .customerId("bench")
                    .text("Sale 10%")
                    .recipients(list)
                    .sendAt(Instant.now())
                    .build());
            double registerSeconds = (System.nanoTime() - t0) / 1e9;
            list = null;
            System.gc(); // the host's list is garbage now; sending starts from a collected heap
            current.set(1);
            long t1 = System.nanoTime();
            msgsvc.start();
            if (!done.await(1800, TimeUnit.SECONDS)) {
                throw new IllegalStateException("big reservation not completed; " + calls.sum() + " sent");
            }
            while (msgsvc.billing("bench").charges() < recipients) {
                Thread.sleep(5);
            }
            double sendSeconds = (System.nanoTime() - t1) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "RESULT registerSeconds=%.3f sendSeconds=%.3f peakRegisterMb=%.1f "
                            + "peakSendMb=%.1f maxHeapMb=%.1f calls=%d%n",
                    registerSeconds,
                    sendSeconds,
                    peakRegister.get() / 1048576.0,
                    peakSend.get() / 1048576.0,
                    memory.getHeapMemoryUsage().getMax() / 1048576.0,
                    calls.sum());
        }
        System.exit(0);
    }
}
