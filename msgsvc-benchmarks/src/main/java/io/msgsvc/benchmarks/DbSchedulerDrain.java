package io.msgsvc.benchmarks;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * db-scheduler draining N due one-time tasks with an empty handler, lock-and-fetch polling. The table is created
 * with the DDL of db-scheduler 16 for PostgreSQL (priority column and its index included); the tasks are inserted
 * with plain JDBC batches before the clock starts. Done = the handler ran N times and the table is empty (a
 * completed one-time task is deleted).
 */
final class DbSchedulerDrain {
    record Result(int executions, double seconds, long handlerCalls, CpuTime.Spent cpu) {
        double rate() {
            return executions / seconds;
        }

        /** The result line: rate, time and CPU per execution. */
        String summary() {
            return String.format(
                    java.util.Locale.ROOT,
                    "  db-scheduler      %10.0f executions/s  (%.2f s; %s)",
                    rate(),
                    seconds,
                    cpu.perItem(executions));
        }
    }

    static final String DDL = """
            create table scheduled_tasks (
              task_name text not null,
              task_instance text not null,
              task_data bytea,
              execution_time timestamp with time zone not null,
              picked BOOLEAN not null,
              picked_by text,
              last_success timestamp with time zone,
              last_failure timestamp with time zone,
              consecutive_failures INT,
              last_heartbeat timestamp with time zone,
              version BIGINT not null,
              priority SMALLINT,
              PRIMARY KEY (task_name, task_instance)
            );
            CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
            CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
            CREATE INDEX priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
            """;

    private DbSchedulerDrain() {}

    /** The drain's no-op task: counts its executions. */
    private static OneTimeTask<Void> countingTask(LongAdder executions) {
        return Tasks.oneTime("bench-task").execute((instance, ctx) -> executions.increment());
    }

    static Result run(String url, int n, Options o) throws Exception {
        try (HikariDataSource pool = PostgresServers.pool(url, o.dbsThreads + 4, "db-scheduler")) {
            PostgresServers.execute(pool, DDL);
            if (!o.cold && o.drainWarmupDeliveries > 0) {
                // the same untimed warm-up as msgsvc gets, running the timed run's task code
                insert(pool, o.drainWarmupDeliveries, "w-");
                Scheduler warmup = Scheduler.create(pool, countingTask(new LongAdder()))
                        .schedulerName(new SchedulerName.Fixed("warm-up"))
                        .threads(o.dbsThreads)
                        .pollUsingLockAndFetch(o.dbsLowerLimit, o.dbsUpperLimit)
                        .pollingInterval(Duration.ofMillis(100))
                        .shutdownMaxWait(Duration.ofSeconds(2))
                        .build();
                warmup.start();
                while (PostgresServers.count(pool, "select count(*) from scheduled_tasks") > 0) {
                    Thread.sleep(10);
                }
                warmup.stop();
            }
            insert(pool, n, "t-");
            PostgresServers.execute(pool, "VACUUM ANALYZE scheduled_tasks");
            LongAdder done = new LongAdder();
            Scheduler scheduler = Scheduler.create(pool, countingTask(done))
                    .schedulerName(new SchedulerName.Fixed("bench"))
                    .threads(o.dbsThreads)
                    .pollUsingLockAndFetch(o.dbsLowerLimit, o.dbsUpperLimit)
                    .pollingInterval(Duration.ofMillis(100))
                    .shutdownMaxWait(Duration.ofSeconds(2))
                    .build();
            PostgresServers.settle(pool);
            long start = System.nanoTime();
            CpuTime.Spent cpuAtStart = CpuTime.Spent.now();
            scheduler.start();
            long deadline = start + TimeUnit.SECONDS.toNanos(Math.max(900, n / 50));
            while (done.sum() < n) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("db-scheduler drain timed out at " + done.sum() + " of " + n);
                }
                Thread.sleep(5);
            }
            while (PostgresServers.count(pool, "select count(*) from scheduled_tasks") > 0) {
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            CpuTime.Spent cpu = cpuAtStart.since();
            scheduler.stop();
            return new Result(n, seconds, done.sum(), cpu);
        }
    }

    private static void insert(HikariDataSource pool, int n, String prefix) throws Exception {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("insert into scheduled_tasks (task_name, task_instance, "
                    + "task_data, execution_time, picked, version) values ('bench-task', ?, null, ?, false, 1)")) {
                Timestamp due = Timestamp.from(Instant.now().minusSeconds(1));
                for (int i = 0; i < n; i++) {
                    ps.setString(1, prefix + i);
                    ps.setTimestamp(2, due);
                    ps.addBatch();
                    if (i % 5000 == 4999) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }
}
