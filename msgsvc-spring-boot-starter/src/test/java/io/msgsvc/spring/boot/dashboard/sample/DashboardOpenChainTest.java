package io.msgsvc.spring.boot.dashboard.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A host whose filter chain lets everyone through to the dashboard's path: the dashboard itself still refuses a
 * request without a user, rather than show every customer's data.
 */
@SpringBootTest(
        classes = DashboardTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"msgsvc.jdbc.migrate=true", "msgsvc.dashboard.enabled=true", "test.dashboard.open=true"})
class DashboardOpenChainTest {

    @LocalServerPort
    int port;

    @Test
    void anAnonymousRequestIsRefusedByTheDashboard() {
        DashboardHttp nobody = DashboardHttp.anonymous(port);
        for (String path : List.of(
                "/msgsvc/", "/msgsvc/dashboard.js", "/msgsvc/api/me", "/msgsvc/api/reservations?customerId=acme")) {
            DashboardHttp.Reply reply = nobody.get(path);
            assertThat(reply.status()).as(path).isEqualTo(401);
            assertThat(reply.contentType()).as(path).startsWith("application/problem+json");
        }
        // a signed-in user still gets in
        assertThat(DashboardHttp.as(port, "acme", "acme-pw")
                        .get("/msgsvc/api/me")
                        .status())
                .isEqualTo(200);
    }
}
