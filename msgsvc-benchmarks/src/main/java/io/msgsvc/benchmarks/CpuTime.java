package io.msgsvc.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * CPU time spent so far by this JVM (the engines, and the broker when it runs in the JVM) and by the PostgreSQL
 * servers on this machine, so a drain's cost can be read as CPU per delivery: on a machine where every part shares
 * the same cores, that is what bounds its rate. PostgreSQL's is read from Linux's {@code /proc}: every live
 * {@code postgres} process, plus what each server's postmaster counted for the children that already exited.
 */
final class CpuTime {
    /** Linux's clock ticks per second for {@code /proc/<pid>/stat} times (USER_HZ, 100 on every common build). */
    private static final long TICKS_PER_SECOND = 100;

    private CpuTime() {}

    /**
     * CPU used by this JVM and by PostgreSQL, in nanoseconds, and by the JIT compiler threads (part of the JVM's), in
     * milliseconds (-1 where unknown). JIT time in a timed part says its warm-up was too short: the compilers take
     * their CPU from the same cores.
     */
    record Spent(long jvmNanos, long postgresNanos, long jitMillis) {
        static Spent now() {
            return new Spent(CpuTime.jvmNanos(), CpuTime.postgresNanos(), CpuTime.jitMillis());
        }

        /** {@return what was used from this sample until now} */
        Spent since() {
            Spent after = now();
            return new Spent(
                    difference(jvmNanos, after.jvmNanos),
                    difference(postgresNanos, after.postgresNanos),
                    difference(jitMillis, after.jitMillis));
        }

        private static long difference(long before, long after) {
            return before < 0 || after < 0 ? -1 : after - before;
        }

        /** {@return "JVM x + PostgreSQL y us" per item and the JIT's milliseconds, for a result line} */
        String perItem(long items) {
            return String.format(
                    java.util.Locale.ROOT,
                    "CPU per item: JVM %.0f + PostgreSQL %.0f us; JIT compilers %d ms CPU",
                    jvmNanos / 1e3 / items,
                    postgresNanos / 1e3 / items,
                    jitMillis);
        }
    }

    /**
     * {@return milliseconds of CPU this JVM's JIT compiler threads used so far}, or -1 without Linux's /proc. A
     * compiler thread HotSpot stops when idle takes its time with it, so this can be low, never high.
     */
    static long jitMillis() {
        long ticks = sumTicks(
                Path.of("/proc/self/task"),
                stat -> ownTicks(stat, name -> name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")));
        return ticks < 0 ? -1 : ticks * 1000 / TICKS_PER_SECOND;
    }

    /**
     * Waits (at most 20 s) until the JIT compilers have been about idle for 300 ms, so that compiling what the untimed
     * set-up ran just before (registering the backlog, inserting the tasks) is not charged to the timed part: on two
     * cores the compilers' queue from it otherwise runs well into the timed part.
     */
    static void awaitQuietJit() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long last = jitMillis();
        int quietSamples = 0;
        while (last >= 0 && quietSamples < 3 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            long now = jitMillis();
            quietSamples = now - last <= 1000 / TICKS_PER_SECOND ? quietSamples + 1 : 0; // one clock tick at most
            last = now;
        }
    }

    /** {@return nanoseconds of CPU this JVM used}, or -1 where the JVM does not tell */
    static long jvmNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** {@return nanoseconds of CPU the PostgreSQL processes on this machine used}, or -1 without Linux's /proc */
    static long postgresNanos() {
        long ticks = sumTicks(Path.of("/proc"), CpuTime::postgresTicks);
        return ticks < 0 ? -1 : ticks * 1_000_000_000L / TICKS_PER_SECOND;
    }

    /**
     * The sum of {@code ticks} over the stat files of the processes (or threads) listed in {@code dir}, or -1 without
     * it. One that ends while listed counts nothing.
     */
    private static long sumTicks(Path dir, ToLongFunction<Path> ticks) {
        if (!Files.isDirectory(dir)) {
            return -1;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .mapToLong(p -> ticks.applyAsLong(p.resolve("stat")))
                    .sum();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    /** A postgres process's own user and system time, and for a postmaster also its exited children's. */
    private static long postgresTicks(Path stat) {
        String[] fields = statFields(stat, "postgres"::equals);
        return fields.length == 0
                ? 0
                : Long.parseLong(fields[11])
                        + Long.parseLong(fields[12])
                        + Long.parseLong(fields[13])
                        + Long.parseLong(fields[14]);
    }

    /** A thread's user and system time, if its name passes {@code name}; else 0. */
    private static long ownTicks(Path stat, Predicate<String> name) {
        String[] fields = statFields(stat, name);
        return fields.length == 0 ? 0 : Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * The fields of a {@code /proc} stat file after "pid (name) " (state first: utime is [11], stime [12], the
     * exited children's [13] and [14]) if its name passes {@code name}; none if not, or if it ended meanwhile.
     */
    private static String[] statFields(Path stat, Predicate<String> name) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException e) {
            return new String[0];
        }
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open || !name.test(line.substring(open + 1, close))) {
            return new String[0];
        }
        return line.substring(close + 2).split(" ");
    }
}
