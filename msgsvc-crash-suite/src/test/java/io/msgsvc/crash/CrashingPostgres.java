package io.msgsvc.crash;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server on a data directory and port of its own, which the suite can crash (SIGKILL to the postmaster
 * and every backend) and start again on the same data: committed work survives, what was in flight is lost.
 */
final class CrashingPostgres implements AutoCloseable {
    private final Path dataDirectory;
    private final Path log;
    private final int port;
    private EmbeddedPostgres server;

    private CrashingPostgres(Path dataDirectory, int port) throws IOException {
        this.dataDirectory = dataDirectory;
        this.log = dataDirectory.resolveSibling("postgres.log");
        this.port = port;
        start();
    }

    static CrashingPostgres start(Path dataDirectory) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        return new CrashingPostgres(dataDirectory, port);
    }

    String url() {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }

    private void start() throws IOException {
        server = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("max_connections", "200")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    /** Kills the server as a crash would, then starts it again on the same data, which it recovers. */
    void crashAndRestart() throws IOException, InterruptedException {
        long postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid"))
                .get(0)
                .trim());
        ProcessHandle.of(postmaster).ifPresent(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        });
        closeQuietly(); // lets go of the data directory; the server is gone already
        start();
    }

    private void closeQuietly() {
        try {
            server.close();
        } catch (IOException | RuntimeException e) {
            // stopping a server that was killed fails; the data directory is free all the same
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
