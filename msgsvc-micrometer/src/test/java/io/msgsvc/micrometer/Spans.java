package io.msgsvc.micrometer;

import io.micrometer.tracing.Span;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Reading ended OpenTelemetry spans by the names and tags msgsvc gives them. */
final class Spans {
    private Spans() {}

    /** A tag's value as text, or null. */
    static String tag(SpanData span, String key) {
        return span.getAttributes().asMap().entrySet().stream()
                .filter(e -> e.getKey().getKey().equals(key))
                .map(e -> Objects.toString(e.getValue()))
                .findFirst()
                .orElse(null);
    }

    static boolean childOf(SpanData child, Span parent) {
        return child.getTraceId().equals(parent.context().traceId())
                && child.getParentSpanId().equals(parent.context().spanId());
    }

    static List<SpanData> bySequence(List<SpanData> sends) {
        return sends.stream()
                .sorted(Comparator.comparing(s -> Integer.parseInt(tag(s, MicrometerTracing.SEQUENCE_TAG))))
                .toList();
    }
}
