package io.msgsvc.spring.boot;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.msgsvc.micrometer.MicrometerTracing;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Carries the application's traces into the engine: when Micrometer Tracing's {@link Tracer} and {@link Propagator}
 * beans exist (Spring Boot makes them with actuator and a tracer bridge, {@code micrometer-tracing-bridge-otel} or
 * {@code -brave}) and {@code io.msgsvc:msgsvc-micrometer} is on the class path, a {@link MsgsvcBuilderCustomizer}
 * hands the engine a {@link MicrometerTracing}, so each channel call and projection continues the trace that
 * registered its reservation. {@code msgsvc.tracing.enabled=false} leaves it out.
 */
@AutoConfiguration(
        before = MsgsvcAutoConfiguration.class,
        // where Spring Boot 4 makes the tracer and the propagator; names absent from the class path are skipped
        afterName = {
            "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration"
        })
@ConditionalOnClass({Tracer.class, Propagator.class, MicrometerTracing.class})
@ConditionalOnBooleanProperty(name = "msgsvc.tracing.enabled", matchIfMissing = true)
@ConditionalOnBean({Tracer.class, Propagator.class})
@EnableConfigurationProperties(MsgsvcTracingProperties.class)
public class MsgsvcTracingAutoConfiguration {

    /**
     * Applied with the other customizers, after the {@code msgsvc.*} properties.
     *
     * @param tracer     the application's tracer
     * @param propagator how the trace context is carried to each send and projection
     * @return the customizer that gives the engine its trace propagation
     */
    @Bean
    @ConditionalOnMissingBean(name = "msgsvcTracingCustomizer")
    public MsgsvcBuilderCustomizer msgsvcTracingCustomizer(Tracer tracer, Propagator propagator) {
        MicrometerTracing tracing = MicrometerTracing.of(tracer, propagator);
        return builder -> builder.tracePropagation(tracing);
    }
}
