package io.msgsvc.spring.boot;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tracing of the engine's work, under {@code msgsvc.tracing.*} (see {@link MsgsvcTracingAutoConfiguration}).
 *
 * @param enabled Whether the engine continues the application's traces (Micrometer Tracing's Tracer and Propagator
 *     beans, with io.msgsvc:msgsvc-micrometer) from reserve to each channel call and projection; default true.
 */
@ConfigurationProperties("msgsvc.tracing")
public record MsgsvcTracingProperties(@DefaultValue("true") boolean enabled) {}
