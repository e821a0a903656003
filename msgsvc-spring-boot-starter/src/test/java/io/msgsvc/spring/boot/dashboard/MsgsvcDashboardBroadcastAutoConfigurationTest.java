package io.msgsvc.spring.boot.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgsvc.Msgsvc;
import io.msgsvc.kafka.DashboardBroadcast;
import io.msgsvc.spring.boot.MsgsvcAutoConfiguration;
import io.msgsvc.spring.boot.MsgsvcLifecycle;
import io.msgsvc.spring.boot.sample.RecordingChannel;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * When the Kafka broadcast of dashboard rows is there: on by default with the Kafka transport, the publishing half on
 * every such node, the following half where the dashboard is on. The engine is built but left unstarted, and nothing
 * here publishes or follows, so no broker is needed.
 */
class MsgsvcDashboardBroadcastAutoConfigurationTest {
    private final ApplicationContextRunner kafkaNode = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class,
                    TransactionAutoConfiguration.class,
                    MsgsvcAutoConfiguration.class,
                    MsgsvcDashboardBroadcastAutoConfiguration.class))
            .withUserConfiguration(EngineLeftUnstarted.class)
            .withBean(RecordingChannel.class)
            .withPropertyValues("msgsvc.transport=kafka", "msgsvc.kafka.bootstrap-servers=localhost:1");

    @Test
    void onByDefaultWithKafkaAndFollowedWhereTheDashboardIsOn() {
        kafkaNode.withPropertyValues("msgsvc.dashboard.enabled=true").run(context -> {
            assertThat(context).hasSingleBean(DashboardBroadcast.class).hasSingleBean(DashboardRows.class);
            assertThat(context.getBean(DashboardBroadcast.class).topic()).isEqualTo(DashboardBroadcast.DEFAULT_TOPIC);
        });
    }

    @Test
    void aNodeWithoutTheDashboardOnlyPublishes() {
        kafkaNode
                .withPropertyValues("msgsvc.kafka.dashboard-broadcast.topic=rows")
                .run(context -> {
                    assertThat(context).hasSingleBean(DashboardBroadcast.class).doesNotHaveBean(DashboardRows.class);
                    assertThat(context.getBean(DashboardBroadcast.class).topic())
                            .isEqualTo("rows");
                });
    }

    @Test
    void offBySwitchOrWithoutKafka() {
        kafkaNode
                .withPropertyValues("msgsvc.dashboard.enabled=true", "msgsvc.kafka.dashboard-broadcast.enabled=false")
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(DashboardBroadcast.class)
                        .doesNotHaveBean(DashboardRows.class));
        kafkaNode
                .withPropertyValues("msgsvc.dashboard.enabled=true", "msgsvc.transport=in-process")
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(DashboardBroadcast.class)
                        .doesNotHaveBean(DashboardRows.class));
    }

    @Test
    void theApplicationsOwnBroadcastTakesThePlaceOfTheStartersOne() {
        kafkaNode
                .withBean(
                        DashboardBroadcast.class,
                        () -> DashboardBroadcast.builder("localhost:1")
                                .topic("own")
                                .build())
                .run(context -> assertThat(
                                context.getBean(DashboardBroadcast.class).topic())
                        .isEqualTo("own"));
    }

    @Test
    void aBlankTopicIsRefusedNamingTheProperty() {
        kafkaNode
                .withPropertyValues("msgsvc.kafka.dashboard-broadcast.topic= ")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("msgsvc.kafka.dashboard-broadcast.topic"));
    }

    /** Only the beans and their conditions are looked at: the engine would reach for the broker on start. */
    @Configuration(proxyBeanMethods = false)
    static class EngineLeftUnstarted {
        @Bean
        MsgsvcLifecycle msgsvcLifecycle(Msgsvc msgsvc) {
            return new MsgsvcLifecycle(msgsvc) {
                @Override
                public void start() {}

                @Override
                public void stop() {}
            };
        }
    }
}
