package io.msgsvc.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /** CPU used by this JVM and by PostgreSQL, in nanoseconds (-1 where unknown). */
    record Spent(long jvmNanos, long postgresNanos) {
        static Spent now() {
            return new Spent(CpuTime.jvmNanos(), CpuTime.postgresNanos());
        }

        /** {@return what was used from this sample until now} */
        Spent since() {
            Spent after = now();
            return new Spent(
                    jvmNanos < 0 || after.jvmNanos < 0 ? -1 : after.jvmNanos - jvmNanos,
                    postgresNanos < 0 || after.postgresNanos < 0 ? -1 : after.postgresNanos - postgresNanos);
        }

        /** {@return "JVM x + PostgreSQL y us" per item, for a result line} */
        String perItem(long items) {
            return String.format(
                    java.util.Locale.ROOT,
                    "CPU per item: JVM %.0f + PostgreSQL %.0f us",
                    jvmNanos / 1e3 / items,
                    postgresNanos / 1e3 / items);
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
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return -1;
        }
        long ticks = 0;
        try (Stream<Path> entries = Files.list(proc)) {
            List<Path> pids = entries.filter(
                            p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .toList();
            for (Path pid : pids) {
                ticks += postgresTicks(pid.resolve("stat"));
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks * 1_000_000_000L / TICKS_PER_SECOND;
    }

    /** A postgres process's own user and system time, and for a postmaster also its exited children's. */
    private static long postgresTicks(Path stat) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException e) {
            return 0; // the process ended while listing
        }
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open || !line.substring(open + 1, close).equals("postgres")) {
            return 0;
        }
        // after "pid (comm) ": state is field 3, utime 14, stime 15, cutime 16, cstime 17
        String[] fields = line.substring(close + 2).split(" ");
        long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        long exitedChildren = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        return own + exitedChildren;
    }
}
