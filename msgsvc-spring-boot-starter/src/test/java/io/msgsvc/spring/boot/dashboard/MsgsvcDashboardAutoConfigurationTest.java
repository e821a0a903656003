package io.msgsvc.spring.boot.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgsvc.spring.boot.MsgsvcAutoConfiguration;
import io.msgsvc.spring.boot.sample.RecordingChannel;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/** When the dashboard is there, what replaces its parts, and whom the default access rule lets see what. */
class MsgsvcDashboardAutoConfigurationTest {
    private static final AutoConfigurations ENGINE_AND_DASHBOARD = AutoConfigurations.of(
            DataSourceAutoConfiguration.class,
            DataSourceTransactionManagerAutoConfiguration.class,
            TransactionAutoConfiguration.class,
            MsgsvcAutoConfiguration.class,
            MsgsvcDashboardAutoConfiguration.class);

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(ENGINE_AND_DASHBOARD)
            .withPropertyValues("msgsvc.jdbc.migrate=true")
            .withBean(RecordingChannel.class);

    @Test
    void offUnlessSwitchedOn() {
        web.run(context -> assertThat(context)
                .hasNotFailed()
                .doesNotHaveBean(DashboardApiController.class)
                .doesNotHaveBean(DashboardAccess.class));
        web.withPropertyValues("msgsvc.dashboard.enabled=true").run(context -> {
            assertThat(context)
                    .hasSingleBean(DashboardApiController.class)
                    .hasSingleBean(DashboardPageController.class)
                    .doesNotHaveBean(DashboardActionController.class);
            assertThat(context.getBean(DashboardAccess.class)).isInstanceOf(PrincipalNameAccess.class);
            assertThat(context.getBean(MsgsvcDashboardProperties.class).basePath())
                    .isEqualTo("/msgsvc");
        });
    }

    @Test
    void theActionsOnlyWhenSwitchedOnToo() {
        web.withPropertyValues("msgsvc.dashboard.enabled=true", "msgsvc.dashboard.actions-enabled=true")
                .run(context -> {
                    assertThat(context).hasSingleBean(DashboardActionController.class);
                    assertThat(context.getBean(MsgsvcDashboardProperties.class).actionsEnabled())
                            .isTrue();
                });
        web.withPropertyValues("msgsvc.dashboard.actions-enabled=true")
                .run(context -> assertThat(context).doesNotHaveBean(DashboardActionController.class));
    }

    @Test
    void theLiveStreamWorksAgainAfterTheContextIsPausedAndRestarted() {
        web.withPropertyValues("msgsvc.dashboard.enabled=true").run(context -> {
            DashboardBroadcaster broadcaster = context.getBean(DashboardBroadcaster.class);
            // what the test framework does to a cached context while other test classes run, and then to reuse it
            context.pause();
            assertThat(broadcaster.isRunning()).isFalse();
            broadcaster.open("acme");
            assertThat(broadcaster.openStreams()).isZero();

            context.restart();
            assertThat(broadcaster.isRunning()).isTrue();
            broadcaster.open("acme");
            assertThat(broadcaster.openStreams()).isEqualTo(1);
        });
    }

    @Test
    void notInAnApplicationWithoutAServletWebServer() {
        new ApplicationContextRunner()
                .withConfiguration(ENGINE_AND_DASHBOARD)
                .withPropertyValues("msgsvc.jdbc.migrate=true", "msgsvc.dashboard.enabled=true")
                .withBean(RecordingChannel.class)
                .run(context -> assertThat(context).doesNotHaveBean(DashboardApiController.class));
    }

    @Test
    void anAccessRuleOfTheApplicationReplacesTheDefault() {
        DashboardAccess everyoneIsShop = request -> Optional.of(DashboardViewer.customer("anyone", "shop"));
        web.withPropertyValues("msgsvc.dashboard.enabled=true")
                .withBean(DashboardAccess.class, () -> everyoneIsShop)
                .run(context ->
                        assertThat(context.getBean(DashboardAccess.class)).isSameAs(everyoneIsShop));
    }

    @Test
    void aBadBasePathStopsTheStartNamingTheProperty() {
        for (String path : List.of("msgsvc", "/msgsvc/", "/a b", "/")) {
            web.withPropertyValues("msgsvc.dashboard.enabled=true", "msgsvc.dashboard.base-path=" + path)
                    .run(context -> assertThat(context)
                            .getFailure()
                            .rootCause()
                            .hasMessageContaining("msgsvc.dashboard.base-path"));
        }
    }

    @Test
    void byDefaultThePrincipalsNameIsTheCustomer() {
        DashboardAccess access = DashboardAccess.byPrincipalName("MSGSVC_OPERATOR");

        assertThat(access.viewer(new MockHttpServletRequest()))
                .as("no principal")
                .isEmpty();

        MockHttpServletRequest customer = new MockHttpServletRequest();
        customer.setUserPrincipal(
                new UsernamePasswordAuthenticationToken("acme", "pw", AuthorityUtils.createAuthorityList("ROLE_USER")));
        assertThat(access.viewer(customer)).contains(DashboardViewer.customer("acme", "acme"));

        MockHttpServletRequest operator = new MockHttpServletRequest();
        operator.setUserPrincipal(new UsernamePasswordAuthenticationToken(
                "ops", "pw", AuthorityUtils.createAuthorityList("MSGSVC_OPERATOR")));
        assertThat(access.viewer(operator)).contains(DashboardViewer.operator("ops"));

        // a servlet container's role counts as well
        MockHttpServletRequest containerOperator = new MockHttpServletRequest();
        containerOperator.setUserPrincipal(() -> "root");
        containerOperator.addUserRole("MSGSVC_OPERATOR");
        assertThat(access.viewer(containerOperator)).contains(DashboardViewer.operator("root"));

        MockHttpServletRequest anonymous = new MockHttpServletRequest();
        anonymous.setUserPrincipal(new AnonymousAuthenticationToken(
                "key", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
        assertThat(access.viewer(anonymous)).as("anonymous").isEmpty();

        MockHttpServletRequest unauthenticated = new MockHttpServletRequest();
        unauthenticated.setUserPrincipal(UsernamePasswordAuthenticationToken.unauthenticated("acme", "pw"));
        assertThat(access.viewer(unauthenticated)).as("not authenticated").isEmpty();
    }
}
