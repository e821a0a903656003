package io.msgsvc.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.Msgsvc;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.spring.boot.sample.RecordingChannel;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

/**
 * An application whose Kafka broker is down when it starts: the context starts, the engine sends, and the health
 * indicator stays up, saying the broker is degraded, instead of the node being taken out of service.
 */
class MsgsvcBrokerDownHealthTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class,
                    TransactionAutoConfiguration.class,
                    MsgsvcAutoConfiguration.class,
                    MsgsvcHealthAutoConfiguration.class))
            .withBean(RecordingChannel.class)
            .withPropertyValues("msgsvc.jdbc.migrate=true");

    @Test
    void aSendingNodeStartsAndSendsWhileTheBrokerIsDownAndReportsItDegradedNotDown() throws IOException {
        String nobody = "127.0.0.1:" + freePort();
        runner.withPropertyValues(
                        "msgsvc.roles=sender,relay",
                        "msgsvc.transport=kafka",
                        "msgsvc.kafka.bootstrap-servers=" + nobody)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Msgsvc msgsvc = context.getBean(Msgsvc.class);
                    msgsvc.reserve(ReservationRequest.builder()
                            .customerId("acme")
                            .text("Hello")
                            .recipients("+100", "+200")
                            .build());
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> context.getBean(RecordingChannel.class)
                                            .recipients()
                                            .size()
                                    == 2);

                    HealthIndicator indicator = context.getBean("msgsvcHealthIndicator", HealthIndicator.class);
                    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                        Health health = indicator.health();
                        assertThat(health.getStatus()).isEqualTo(Status.UP);
                        assertThat(health.getDetails()).containsEntry("degraded", true);
                        assertThat(detail(health, "transport"))
                                .containsEntry("name", "Kafka at " + nobody)
                                .containsEntry("status", "degraded")
                                .containsKeys("problem", "since");
                        // the sends' events wait for the broker
                        assertThat(detail(health, "outbox"))
                                .extractingByKey("unpublished")
                                .isNotEqualTo(0);
                    });
                });
    }

    @Test
    void theInProcessTransportIsAlwaysReachable() {
        runner.run(context -> {
            Health health = context.getBean("msgsvcHealthIndicator", HealthIndicator.class)
                    .health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("degraded", false);
            assertThat(detail(health, "transport"))
                    .containsEntry("status", "reachable")
                    .doesNotContainKey("problem");
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(Health health, String name) {
        return (Map<String, Object>) health.getDetails().get(name);
    }

    /** A port nothing listens on: a broker that is down. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
