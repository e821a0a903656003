package io.msgsvc.spring.boot.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.msgsvc.Msgsvc;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationStatus;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The starter's meters and readiness in a Spring Boot application with actuator: the engine's sends in the
 * application's meter registry, and readiness (with msgsvc in its group, as the README says) down once the
 * DataSource fails.
 */
@SpringBootTest(
        classes = StarterTestApplication.class,
        properties = {
            "msgsvc.jdbc.migrate=true",
            "msgsvc.poll-interval=100ms",
            "management.endpoint.health.probes.enabled=true",
            "management.endpoint.health.group.readiness.include=readinessState,msgsvc"
        })
class MsgsvcStarterObservabilityTest {
    @Autowired
    OrderService orders;

    @Autowired
    Msgsvc msgsvc;

    @Autowired
    MeterRegistry registry;

    @Autowired
    HealthEndpoint health;

    @Autowired
    DataSource dataSource;

    @Test
    void theSendsOfTheEngineAreInTheApplicationsRegistry() {
        double before = sent();
        Reservation r = orders.placeOrder(21, "+2100");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> msgsvc.reservation(OrderService.CUSTOMER, r.id())
                                .reservation()
                                .status()
                        == ReservationStatus.COMPLETED);
        assertThat(sent() - before).isEqualTo(1);
        assertThat(registry.get("msgsvc.window.in.flight").gauge().value()).isZero();
        assertThat(registry.get("msgsvc.dispatch.backlog").gauge().value()).isZero();
        assertThat(registry.find("msgsvc.executor.active")
                        .tag("name", "dispatch")
                        .gauge())
                .isNotNull();
        assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
    }

    @Test
    @DirtiesContext
    void readinessGoesDownWhenTheDataSourceFails() {
        assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);

        ((HikariDataSource) dataSource).close();

        assertThat(health.healthForPath("msgsvc").getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.healthForPath("liveness").getStatus())
                .as("the process itself lives on")
                .isEqualTo(Status.UP);
    }

    private double sent() {
        return registry.get("msgsvc.sends")
                .tag("outcome", "sent")
                .functionCounter()
                .count();
    }
}
