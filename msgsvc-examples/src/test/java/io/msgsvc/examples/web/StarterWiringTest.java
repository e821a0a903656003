package io.msgsvc.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.msgsvc.Msgsvc;
import io.msgsvc.examples.SimulatedSmsChannel;
import io.msgsvc.jdbc.JdbcStorage;
import io.msgsvc.spi.Storage;
import io.msgsvc.spring.boot.MsgsvcHealthIndicator;
import io.msgsvc.spring.boot.MsgsvcLifecycle;
import io.msgsvc.spring.boot.MsgsvcProperties;
import io.msgsvc.spring.boot.MsgsvcTransactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The example as a user of the starter: the engine, its lifecycle and health are the starter's, on Boot's pool. */
@RunningExample
class StarterWiringTest {

    @Autowired
    ApplicationContext context;

    @Test
    void theEngineIsTheStartersOnSpringBootsDataSource() {
        DataSource dataSource = context.getBean(DataSource.class);
        assertThat(dataSource).isInstanceOf(HikariDataSource.class);
        assertThat(((HikariDataSource) dataSource).getJdbcUrl())
                .as("spring.datasource.url of the test profile")
                .isEqualTo("jdbc:h2:mem:msgsvc-web-test;DB_CLOSE_DELAY=-1");
        assertThat(context.getBean(Storage.class)).isInstanceOf(JdbcStorage.class);
        assertThat(context.getBeansOfType(Msgsvc.class)).hasSize(1);
        assertThat(context.getBean(Msgsvc.class).isRunning()).isTrue();
        assertThat(context.getBean(MsgsvcLifecycle.class).isRunning()).isTrue();
        assertThat(context.getBean(MsgsvcTransactions.class)).isNotNull();
        assertThat(context.getBean("msgsvcHealthIndicator")).isInstanceOf(MsgsvcHealthIndicator.class);
        assertThat(context.getBean("smsChannel")).isInstanceOf(SimulatedSmsChannel.class);
    }

    @Test
    void theEngineIsSetByTheStartersPropertiesAndTheExamplesOwnStayUnderExample() {
        MsgsvcProperties engine = context.getBean(MsgsvcProperties.class);
        assertThat(engine.content().maxLength()).isEqualTo(10);
        assertThat(engine.lease()).isEqualTo(Duration.ofSeconds(15));
        assertThat(engine.channelTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(engine.retry().attempts()).isEqualTo(4);
        assertThat(engine.transport()).isEqualTo(MsgsvcProperties.Transport.IN_PROCESS);
        assertThat(engine.jdbc().migrate()).isTrue();

        ExampleProperties example = context.getBean(ExampleProperties.class);
        assertThat(example.apiKeys()).containsEntry("acme", "acme-key");
        assertThat(example.operatorKey()).isEqualTo("test-operator-key");
        assertThat(example.gateways()).containsKey("test-gateway");
    }

    @Test
    void onlyMsgsvcMigratesTheDatabase() throws SQLException {
        try (Connection connection = context.getBean(DataSource.class).getConnection()) {
            assertThat(tableExists(connection, "msgsvc_schema_history"))
                    .as("msgsvc.jdbc.migrate=true applied msgsvc's scripts")
                    .isTrue();
            assertThat(tableExists(connection, "flyway_schema_history"))
                    .as("Spring Boot's Flyway did not run on the same DataSource")
                    .isFalse();
        }
        assertThat(context.getBeanNamesForType(org.flywaydb.core.Flyway.class)).isEmpty();
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select count(*) from information_schema.tables where lower(table_name) = ?")) {
            query.setString(1, table);
            try (ResultSet count = query.executeQuery()) {
                count.next();
                return count.getInt(1) > 0;
            }
        }
    }
}
