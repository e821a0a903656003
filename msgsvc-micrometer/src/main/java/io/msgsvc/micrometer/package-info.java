/**
 * Micrometer metrics and trace propagation for the msgsvc engine, each counted on the node that does the work.
 *
 * <p>{@link io.msgsvc.micrometer.MicrometerTracing}: the host's trace context (Micrometer Tracing's {@code Tracer}
 * and {@code Propagator}, bridged to OpenTelemetry or Brave) carried from {@code reserve} to each channel call and
 * each projection, on any node.
 */
package io.msgsvc.micrometer;
