package io.msgsvc.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.msgsvc.Msgsvc;
import io.msgsvc.micrometer.MsgsvcMeters;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The engine's meters, when Micrometer, msgsvc-micrometer and a {@link MeterRegistry} bean are present (actuator
 * brings the registry): a {@link MsgsvcMeters}, which Spring Boot binds to the registry as it does every
 * {@code MeterBinder} bean, handed to the engine's builder by a {@link MsgsvcBuilderCustomizer}.
 * {@code msgsvc.metrics.enabled=false} leaves them out. An engine the application builds itself takes the
 * {@code MsgsvcMeters} bean with {@code builder.metrics(meters)}.
 */
@AutoConfiguration(
        after = MsgsvcAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
        })
@ConditionalOnClass({MeterRegistry.class, MsgsvcMeters.class})
@ConditionalOnBean({MeterRegistry.class, Msgsvc.class})
@ConditionalOnBooleanProperty(name = "msgsvc.metrics.enabled", matchIfMissing = true)
public class MsgsvcMetricsAutoConfiguration {

    /**
     * {@return the engine's meters}, bound to the application's registry as a {@code MeterBinder}
     *
     * @param properties the {@code msgsvc.metrics.*} settings (how long a health snapshot serves the gauges)
     */
    @Bean
    @ConditionalOnMissingBean(MsgsvcMeters.class)
    public MsgsvcMeters msgsvcMeters(MsgsvcProperties properties) {
        return new MsgsvcMeters(Tags.empty(), properties.metrics().healthCacheFor());
    }

    /**
     * Runs when the starter builds the engine: the bean definitions are all in place by then.
     *
     * @param meters the meters the engine reports to
     * @return the customizer that gives the engine its meters
     */
    @Bean
    public MsgsvcBuilderCustomizer msgsvcMetricsCustomizer(MsgsvcMeters meters) {
        return builder -> builder.metrics(meters);
    }
}
