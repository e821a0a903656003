package io.msgsvc.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgsvc.Msgsvc;
import io.msgsvc.api.MessageChannel;
import io.msgsvc.api.Pricing;
import io.msgsvc.spring.boot.sample.RecordingChannel;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * Several beans of a type the engine takes one of (channel, pricing, clock) and none primary: the start fails naming
 * them, instead of the engine quietly running on its default; with one of them primary, that one is used.
 */
class MsgsvcAmbiguousBeansTest {
    private static final Pricing CHEAP = Pricing.flat(new BigDecimal("0.01"));
    private static final Pricing PREMIUM = Pricing.flat(new BigDecimal("0.09"));
    private static final Clock NEW_YEAR = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final Clock MIDSUMMER = Clock.fixed(Instant.parse("2030-06-21T00:00:00Z"), ZoneOffset.UTC);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class,
                    TransactionAutoConfiguration.class,
                    MsgsvcAutoConfiguration.class))
            .withPropertyValues("msgsvc.jdbc.migrate=true")
            .withBean(RecordingChannel.class);

    @Test
    void twoPricingBeansWithoutAPrimaryFailTheStartNamingThem() {
        runner.withBean("cheapPricing", Pricing.class, () -> CHEAP)
                .withBean("premiumPricing", Pricing.class, () -> PREMIUM)
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("Pricing")
                        .hasMessageContaining("cheapPricing")
                        .hasMessageContaining("premiumPricing")
                        .hasMessageContaining("@Primary"));
    }

    @Test
    void twoClockBeansWithoutAPrimaryFailTheStartNamingThem() {
        runner.withBean("newYear", Clock.class, () -> NEW_YEAR)
                .withBean("midsummer", Clock.class, () -> MIDSUMMER)
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("Clock")
                        .hasMessageContaining("newYear")
                        .hasMessageContaining("midsummer")
                        .hasMessageContaining("@Primary"));
    }

    @Test
    void twoChannelBeansWithoutAPrimaryFailTheStartNamingThem() {
        runner.withBean("otherChannel", MessageChannel.class, RecordingChannel::new)
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("MessageChannel")
                        .hasMessageContaining("otherChannel")
                        .hasMessageContaining("@Primary"));
    }

    @Test
    void thePrimaryOneOfSeveralIsTheOneUsed() {
        runner.withBean("cheapPricing", Pricing.class, () -> CHEAP)
                .withBean("premiumPricing", Pricing.class, () -> PREMIUM, bean -> bean.setPrimary(true))
                .withBean("newYear", Clock.class, () -> NEW_YEAR, bean -> bean.setPrimary(true))
                .withBean("midsummer", Clock.class, () -> MIDSUMMER)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Object config = ReflectionTestUtils.getField(context.getBean(Msgsvc.class), "config");
                    assertThat(config).extracting("pricing", "clock").containsExactly(PREMIUM, NEW_YEAR);
                });
    }

    @Test
    void anEngineThatDoesNotSendIgnoresSeveralChannels() {
        runner.withBean("otherChannel", MessageChannel.class, RecordingChannel::new)
                .withPropertyValues("msgsvc.roles=relay,status,billing,statistics,dashboard")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(Msgsvc.class));
    }
}
