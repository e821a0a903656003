package io.msgsvc.micrometer;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a host traces with: OpenTelemetry's SDK behind Micrometer Tracing's bridge, W3C trace context and baggage
 * propagation, every span sampled and kept in memory once it ends. One per simulated process: a second one shares
 * nothing with the first but what the storage and the broker carry.
 */
final class OtelTracing implements AutoCloseable {
    final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .setSampler(Sampler.alwaysOn())
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    private final io.opentelemetry.api.trace.Tracer otel = provider.get("msgsvc-test");
    private final OtelCurrentTraceContext current = new OtelCurrentTraceContext();
    final Tracer tracer =
            new OtelTracer(otel, current, event -> {}, new OtelBaggageManager(current, List.of("tenant"), List.of()));
    final OtelPropagator propagator = new OtelPropagator(
            ContextPropagators.create(TextMapPropagator.composite(
                    W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())),
            otel);

    MicrometerTracing propagation() {
        return MicrometerTracing.of(tracer, propagator);
    }

    /** Runs {@code work} in a new span of a new trace, as a host's request handler would; returns the span. */
    Span inSpan(String name, Runnable work) {
        return inSpan(name, () -> {
                    work.run();
                    return null;
                })
                .span();
    }

    <T> InSpan<T> inSpan(String name, Supplier<T> work) {
        Span span = tracer.nextSpan().name(name).start();
        try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
            return new InSpan<>(span, work.get());
        } finally {
            span.end();
        }
    }

    record InSpan<T>(Span span, T value) {}

    /** The ended spans of this name, oldest first. */
    List<SpanData> ended(String name) {
        return exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals(name))
                .toList();
    }

    @Override
    public void close() {
        provider.close();
    }
}
