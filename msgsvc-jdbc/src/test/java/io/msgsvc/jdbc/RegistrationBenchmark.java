package io.msgsvc.jdbc;

import io.msgsvc.Msgsvc;
import io.msgsvc.RecipientPolicy;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.testkit.RecordingChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Prints how long registering one large reservation takes on each database (one transaction: reservation, every
 * delivery row, the Reserved event). Not a test: after {@code mvn install -DskipTests}, run
 * {@code mvn -pl msgsvc-jdbc exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.msgsvc.jdbc.RegistrationBenchmark}
 * (optionally {@code -Dexec.args=RECIPIENTS}).
 */
public final class RegistrationBenchmark {
    private RegistrationBenchmark() {}

    public static void main(String[] args) {
        int recipients = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        List<String> list = new ArrayList<>(recipients);
        for (int i = 0; i < recipients; i++) {
            list.add(String.format("+8210%08d", i));
        }
        System.out.printf("Registering one reservation of %,d recipients (best of 3 after a warm-up)%n", recipients);
        measure("H2 (in memory)", TestDatabases::h2, list);
        measure("PostgreSQL, fsync off", TestDatabases::postgres, list);
        measure("PostgreSQL, fsync + synchronous_commit on", TestDatabases::postgresDurable, list);
        measure("MariaDB", TestDatabases::mariadb, list);
        System.exit(0);
    }

    private static void measure(String name, Supplier<DataSource> database, List<String> recipients) {
        JdbcStorage storage = TestStorages.on(database.get());
        try (Msgsvc msgsvc = Msgsvc.builder()
                .storage(storage)
                .channel(new RecordingChannel())
                .recipientPolicy(RecipientPolicy.defaults().withMaxRecipients(recipients.size()))
                .build()) {
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 4; round++) {
                ReservationRequest request = ReservationRequest.builder()
                        .customerId("bench")
                        .text("Hi")
                        .recipients(recipients)
                        .sendAt(Instant.now().plus(Duration.ofDays(1)))
                        .build();
                long start = System.nanoTime();
                msgsvc.reserve(request);
                long took = System.nanoTime() - start;
                if (round > 0) {
                    best = Math.min(best, took);
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "  %-45s %7.2f s  (%,.0f recipients/s)%n",
                    name,
                    best / 1e9,
                    recipients.size() / (best / 1e9));
        } finally {
            TestStorages.release(storage);
        }
    }
}
