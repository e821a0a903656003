package io.msgsvc.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.msgsvc.BillingPolicy;
import io.msgsvc.ContentPolicy;
import io.msgsvc.Msgsvc;
import io.msgsvc.RetryPolicy;
import io.msgsvc.Role;
import io.msgsvc.SendingLimits;
import io.msgsvc.api.DashboardListener;
import io.msgsvc.api.MessageChannel;
import io.msgsvc.api.Pricing;
import io.msgsvc.api.ReservationEventListener;
import io.msgsvc.api.SendingSpeed;
import io.msgsvc.jdbc.JdbcStorage;
import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.memory.InProcessEventTransport;
import io.msgsvc.micrometer.MsgsvcMeters;
import io.msgsvc.spi.EventTransport;
import io.msgsvc.spi.Storage;
import io.msgsvc.spring.boot.sample.RecordingChannel;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport.ConditionAndOutcome;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.util.ReflectionTestUtils;

/** What the auto-configuration makes of an application's beans and properties, each on a fresh H2 database. */
class MsgsvcAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class,
                    TransactionAutoConfiguration.class,
                    MsgsvcAutoConfiguration.class,
                    MsgsvcHealthAutoConfiguration.class))
            .withPropertyValues("msgsvc.jdbc.migrate=true");
    private final ApplicationContextRunner withChannel = runner.withBean(RecordingChannel.class);

    @Test
    void backsOffWithoutAMessageChannelAndSaysWhy() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context)
                    .doesNotHaveBean(Msgsvc.class)
                    .doesNotHaveBean(Storage.class)
                    .doesNotHaveBean(MsgsvcTransactions.class);
            var outcomes = ConditionEvaluationReport.get(context.getBeanFactory())
                    .getConditionAndOutcomesBySource()
                    .get(MsgsvcAutoConfiguration.class.getName());
            assertThat(outcomes.isFullMatch()).isFalse();
            assertThat(outcomes)
                    .map(ConditionAndOutcome::getOutcome)
                    .anySatisfy(outcome -> assertThat(outcome.getMessage())
                            .contains("found no bean of type io.msgsvc.api.MessageChannel")
                            .contains("msgsvc.enabled=false"));
        });
    }

    @Test
    void anEngineThatDoesNotSendNeedsNoChannel() {
        runner.withPropertyValues("msgsvc.roles=relay,status,billing,statistics,dashboard")
                .run(context -> {
                    assertThat(context).hasSingleBean(Msgsvc.class);
                    assertThat(config(context.getBean(Msgsvc.class)))
                            .extracting("roles")
                            .isEqualTo(EnumSet.complementOf(EnumSet.of(Role.SENDER)));
                });
    }

    @Test
    void switchedOffByMsgsvcEnabledFalse() {
        withChannel.withPropertyValues("msgsvc.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(MessageChannel.class);
            assertThat(context)
                    .doesNotHaveBean(Msgsvc.class)
                    .doesNotHaveBean(JdbcStorage.class)
                    .doesNotHaveBean(MsgsvcLifecycle.class)
                    .doesNotHaveBean(MsgsvcTransactions.class)
                    .doesNotHaveBean(MsgsvcHealthIndicator.class);
        });
    }

    @Test
    void buildsAndStartsTheEngineOnTheApplicationsDataSource() {
        withChannel.run(context -> {
            assertThat(context)
                    .hasSingleBean(JdbcStorage.class)
                    .hasSingleBean(Msgsvc.class)
                    .hasSingleBean(MsgsvcLifecycle.class)
                    .hasSingleBean(MsgsvcTransactions.class);
            assertThat(context.getBean(Msgsvc.class).isRunning()).isTrue();
            assertThat(config(context.getBean(Msgsvc.class)))
                    .extracting("channel", "storage")
                    .containsExactly(context.getBean(MessageChannel.class), context.getBean(JdbcStorage.class));
            assertThat(tableExists(context.getBean(DataSource.class), "MSGSVC_RESERVATION"))
                    .isTrue();
        });
    }

    @Test
    void unsetPropertiesKeepTheBuildersDefaults() {
        withChannel.run(context -> {
            Msgsvc plain = Msgsvc.builder()
                    .channel(context.getBean(MessageChannel.class))
                    .build();
            try {
                assertThat(config(context.getBean(Msgsvc.class)))
                        .usingRecursiveComparison()
                        .ignoringFields("channel", "storage", "transport", "nodeId", "pricing")
                        .isEqualTo(config(plain));
            } finally {
                plain.close();
            }
            JdbcStorage storage = context.getBean(JdbcStorage.class);
            assertThat(storage).extracting("retention").isEqualTo(Duration.ofDays(7));
            assertThat(storage).extracting("cleaner").isNotNull();
            assertThat(context.getBean(EventTransport.class)).isInstanceOf(InProcessEventTransport.class);
        });
    }

    @Test
    void propertiesReachTheBuilder() {
        withChannel
                .withPropertyValues(
                        "msgsvc.roles=sender",
                        "msgsvc.node-id=node-a",
                        "msgsvc.dispatch-threads=3",
                        "msgsvc.dispatch-slice=2s",
                        "msgsvc.poll-interval=250ms",
                        "msgsvc.lease=90s",
                        "msgsvc.channel-timeout=20s",
                        "msgsvc.isolate-channel-calls=true",
                        "msgsvc.send-window=4",
                        "msgsvc.delivery-batch-size=100",
                        "msgsvc.result-batch-size=50",
                        "msgsvc.result-flush-interval=20ms",
                        "msgsvc.outbox-batch-size=200",
                        "msgsvc.inline-projection=false",
                        "msgsvc.project-together=true",
                        "msgsvc.statistics-period=hours",
                        "msgsvc.await-reports-for=24h",
                        "msgsvc.park-reports-for=5m",
                        "msgsvc.shutdown-timeout=10s",
                        "msgsvc.content.max-length=160",
                        "msgsvc.content.fail-fast=true",
                        "msgsvc.retry.attempts=3",
                        "msgsvc.retry.initial-backoff=500ms",
                        "msgsvc.retry.max-backoff=1m",
                        "msgsvc.sending-limits.channel-name=sms",
                        "msgsvc.sending-limits.channel.messages=200",
                        "msgsvc.sending-limits.each-customer.messages=50",
                        "msgsvc.sending-limits.each-customer.per=minutes",
                        "msgsvc.sending-limits.customers.big-bank.messages=100",
                        "msgsvc.jdbc.retention=2d",
                        "msgsvc.jdbc.cleanup-interval=0")
                .run(context -> {
                    Msgsvc msgsvc = context.getBean(Msgsvc.class);
                    assertThat(msgsvc.nodeId()).isEqualTo("node-a");
                    assertThat(config(msgsvc))
                            .extracting(
                                    "roles",
                                    "dispatchThreads",
                                    "dispatchSlice",
                                    "pollInterval",
                                    "lease",
                                    "channelTimeout",
                                    "isolateChannelCalls",
                                    "sendWindow",
                                    "deliveryBatchSize",
                                    "resultBatchSize",
                                    "resultFlushInterval",
                                    "outboxBatchSize",
                                    "inlineProjection",
                                    "projectTogether",
                                    "statisticsPeriod",
                                    "awaitReportsFor",
                                    "parkReportsFor",
                                    "shutdownTimeout",
                                    "contentPolicy",
                                    "retryPolicy")
                            .containsExactly(
                                    EnumSet.of(Role.SENDER),
                                    3,
                                    Duration.ofSeconds(2),
                                    Duration.ofMillis(250),
                                    Duration.ofSeconds(90),
                                    Duration.ofSeconds(20),
                                    true,
                                    4,
                                    100,
                                    50,
                                    Duration.ofMillis(20),
                                    200,
                                    false,
                                    true,
                                    ChronoUnit.HOURS,
                                    Duration.ofHours(24),
                                    Duration.ofMinutes(5),
                                    Duration.ofSeconds(10),
                                    ContentPolicy.maxLength(160).failFast(),
                                    RetryPolicy.exponential(3, Duration.ofMillis(500), 2.0, Duration.ofMinutes(1)));
                    assertThat(config(msgsvc))
                            .extracting("sendingLimits")
                            .hasToString(SendingLimits.none()
                                    .channel("sms", SendingSpeed.perSecond(200))
                                    .eachCustomer(SendingSpeed.perMinute(50))
                                    .customer("big-bank", SendingSpeed.perSecond(100))
                                    .toString());
                    JdbcStorage storage = context.getBean(JdbcStorage.class);
                    assertThat(storage).extracting("retention").isEqualTo(Duration.ofDays(2));
                    assertThat(storage).extracting("cleaner").isNull();
                });
    }

    @Test
    void applicationBeansReachTheEngineAndReplaceTheDefaults() {
        withChannel.withUserConfiguration(ApplicationBeans.class).run(context -> {
            assertThat(context).doesNotHaveBean(JdbcStorage.class).hasSingleBean(Storage.class);
            ApplicationBeans beans = context.getBean(ApplicationBeans.class);
            assertThat(config(context.getBean(Msgsvc.class)))
                    .extracting(
                            "storage",
                            "transport",
                            "pricing",
                            "clock",
                            "eventListeners",
                            "dashboardListeners",
                            "billingPolicy")
                    .containsExactly(
                            context.getBean(Storage.class),
                            context.getBean(EventTransport.class),
                            beans.pricing,
                            beans.clock,
                            List.of(beans.eventListener),
                            List.of(beans.dashboardListener),
                            beans.billingPolicy);
        });
    }

    @Test
    void anApplicationsOwnEngineIsTheOneStarted() {
        withChannel.withUserConfiguration(OwnEngine.class).run(context -> {
            assertThat(context).hasSingleBean(Msgsvc.class);
            Msgsvc msgsvc = context.getBean(Msgsvc.class);
            assertThat(msgsvc.nodeId()).isEqualTo("own");
            assertThat(msgsvc.isRunning()).isTrue();
        });
    }

    @Test
    void startsBeforeAndStopsAfterTheApplicationsLifecycleBeans() {
        EngineWatcher watcher = new EngineWatcher();
        Msgsvc[] engine = new Msgsvc[1];
        withChannel.withBean(EngineWatcher.class, () -> watcher).run(context -> {
            engine[0] = context.getBean(Msgsvc.class);
            watcher.msgsvc = engine[0];
            assertThat(engine[0].isRunning()).isTrue();
        });
        assertThat(watcher.engineRunningWhenStopped).isTrue();
        assertThat(engine[0].isRunning()).isFalse();
        // below the web server's phase (DEFAULT_PHASE - 2048): it stops after the server stopped taking requests
        assertThat(MsgsvcLifecycle.PHASE).isLessThan(SmartLifecycle.DEFAULT_PHASE - 2048);
    }

    @Test
    void healthIsUpWhileTheEngineRunsAndDownOnceItStopped() {
        withChannel.run(context -> {
            HealthIndicator indicator = context.getBean("msgsvcHealthIndicator", HealthIndicator.class);
            var up = indicator.health();
            assertThat(up.getStatus()).isEqualTo(Status.UP);
            assertThat(up.getDetails())
                    .containsEntry("engine", "running")
                    .containsEntry("database", "H2")
                    .containsKey("node");

            context.getBean(Msgsvc.class).close();
            assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
        });
    }

    @Test
    void noHealthIndicatorWhenSwitchedOffOrWithoutHealthSupport() {
        withChannel
                .withPropertyValues("management.health.msgsvc.enabled=false")
                .run(context ->
                        assertThat(context).hasSingleBean(Msgsvc.class).doesNotHaveBean(MsgsvcHealthIndicator.class));
        withChannel
                .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context ->
                        assertThat(context).hasSingleBean(Msgsvc.class).doesNotHaveBean(MsgsvcHealthIndicator.class));
    }

    @Test
    void withAMeterRegistryTheEngineGetsItsMetersAndTheHealthShowsTheBacklog() {
        withChannel
                .withConfiguration(AutoConfigurations.of(MsgsvcMetricsAutoConfiguration.class))
                .withBean(SimpleMeterRegistry.class)
                .withPropertyValues("msgsvc.metrics.health-cache-for=1m")
                .run(context -> {
                    MsgsvcMeters meters = context.getBean(MsgsvcMeters.class);
                    Msgsvc msgsvc = context.getBean(Msgsvc.class);
                    assertThat(ReflectionTestUtils.getField(config(msgsvc), "metrics"))
                            .isSameAs(meters);
                    assertThat(meters.health())
                            .as("the engine was handed to the meters")
                            .isNotNull();
                    assertThat(meters.health().nodeId()).isEqualTo(msgsvc.nodeId());
                    assertThat(ReflectionTestUtils.getField(ReflectionTestUtils.getField(meters, "health"), "ttlNanos"))
                            .isEqualTo(Duration.ofMinutes(1).toNanos());

                    var health = context.getBean("msgsvcHealthIndicator", HealthIndicator.class)
                            .health();
                    assertThat(health.getDetails())
                            .containsEntry("storage", "reachable")
                            .containsKeys("dispatch", "outbox");
                });
    }

    @Test
    void noMetersWithoutARegistryOrWhenSwitchedOff() {
        withChannel
                .withConfiguration(AutoConfigurations.of(MsgsvcMetricsAutoConfiguration.class))
                .run(context -> assertThat(context).hasSingleBean(Msgsvc.class).doesNotHaveBean(MsgsvcMeters.class));
        withChannel
                .withConfiguration(AutoConfigurations.of(MsgsvcMetricsAutoConfiguration.class))
                .withBean(SimpleMeterRegistry.class)
                .withPropertyValues("msgsvc.metrics.enabled=false")
                .run(context -> assertThat(context).hasSingleBean(Msgsvc.class).doesNotHaveBean(MsgsvcMeters.class));
        withChannel
                .withConfiguration(AutoConfigurations.of(MsgsvcMetricsAutoConfiguration.class))
                .withBean(SimpleMeterRegistry.class)
                .withClassLoader(new FilteredClassLoader("io.msgsvc.micrometer"))
                .run(context -> assertThat(context).hasSingleBean(Msgsvc.class).doesNotHaveBean("msgsvcMeters"));
    }

    @Test
    void kafkaTransportWithoutMsgsvcKafkaFailsAndSaysWhatIsMissing() {
        withChannel
                .withClassLoader(new FilteredClassLoader("io.msgsvc.kafka"))
                .withPropertyValues("msgsvc.transport=kafka", "msgsvc.kafka.bootstrap-servers=127.0.0.1:9")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("msgsvc.transport=kafka needs io.msgsvc:msgsvc-kafka"));
    }

    /** The engine's frozen settings ({@code EngineConfig}, package-private in msgsvc-core), read by reflection. */
    private static Object config(Msgsvc msgsvc) {
        return ReflectionTestUtils.getField(msgsvc, "config");
    }

    private static boolean tableExists(DataSource dataSource, String table) throws Exception {
        try (Connection c = dataSource.getConnection();
                ResultSet rs = c.getMetaData().getTables(null, null, table, null)) {
            return rs.next();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ApplicationBeans {
        final Pricing pricing = Pricing.flat(new BigDecimal("0.02"));
        final Clock clock = Clock.offset(Clock.systemUTC(), Duration.ZERO);
        final ReservationEventListener eventListener = event -> {};
        final DashboardListener dashboardListener = view -> {};
        final BillingPolicy billingPolicy = BillingPolicy.onDelivery();

        @Bean
        Storage applicationStorage() {
            return new InMemoryStorage();
        }

        @Bean
        EventTransport applicationTransport() {
            return new InProcessEventTransport();
        }

        @Bean
        Pricing pricing() {
            return pricing;
        }

        @Bean
        Clock clock() {
            return clock;
        }

        @Bean
        ReservationEventListener eventListener() {
            return eventListener;
        }

        @Bean
        DashboardListener dashboardListener() {
            return dashboardListener;
        }

        @Bean
        MsgsvcBuilderCustomizer billingOnDelivery() {
            return builder -> builder.billingPolicy(billingPolicy);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnEngine {
        @Bean
        Msgsvc ownEngine(MessageChannel channel) {
            return Msgsvc.builder().channel(channel).nodeId("own").build();
        }
    }

    /** An application's lifecycle bean at the default phase: it may use the engine until it is stopped itself. */
    static class EngineWatcher implements SmartLifecycle {
        volatile Msgsvc msgsvc;
        volatile Boolean engineRunningWhenStopped;
        private volatile boolean running;

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            engineRunningWhenStopped = msgsvc != null && msgsvc.isRunning();
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }
}
