package io.msgsvc.spring.boot.dashboard.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The dispatcher servlet under a path of its own: the page's redirect to the base path with its slash keeps it. */
@SpringBootTest(
        classes = DashboardTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "msgsvc.jdbc.migrate=true",
            "msgsvc.dashboard.enabled=true",
            "spring.mvc.servlet.path=/app",
            "test.dashboard.open=true"
        })
class DashboardServletPathTest {

    @LocalServerPort
    int port;

    @Test
    void theBasePathRedirectsToItselfWithASlashUnderTheServletPath() {
        DashboardHttp acme = DashboardHttp.as(port, "acme", "acme-pw");

        DashboardHttp.Reply reply = acme.get("/app/msgsvc");

        assertThat(reply.status()).isEqualTo(302);
        assertThat(reply.header("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/app/msgsvc/"));
        assertThat(acme.get("/app/msgsvc/").status()).isEqualTo(200);
    }
}
