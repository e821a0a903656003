/**
 * Spring Boot 4 auto-configuration of msgsvc on the application's DataSource: {@link
 * io.msgsvc.spring.boot.MsgsvcAutoConfiguration} (storage, transport, engine, lifecycle, {@link
 * io.msgsvc.spring.boot.MsgsvcTransactions}), configured by {@link io.msgsvc.spring.boot.MsgsvcProperties} under
 * {@code msgsvc.*} and {@link io.msgsvc.spring.boot.MsgsvcBuilderCustomizer} beans, and {@link
 * io.msgsvc.spring.boot.MsgsvcHealthAutoConfiguration} with actuator; {@link
 * io.msgsvc.spring.boot.MsgsvcTracingAutoConfiguration} carries the application's Micrometer traces into the engine.
 */
package io.msgsvc.spring.boot;
