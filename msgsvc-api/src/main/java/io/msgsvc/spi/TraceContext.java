package io.msgsvc.spi;

import java.util.Map;
import java.util.TreeMap;

/**
 * A trace context as its propagation fields (W3C {@code traceparent} and {@code tracestate}, {@code baggage}, or
 * whatever the host's propagator writes): captured by {@link TracePropagation#capture()} when a reservation is
 * registered and stored with it, so its sends and projections continue that trace on any node, after any restart.
 * Storages that keep it as text use {@link #encoded()} and {@link #decode(String)}.
 *
 * @param fields the propagation fields by name; copied; empty for {@link #NONE}
 */
public record TraceContext(Map<String, String> fields) {
    /** No trace: the reservation was registered outside any, or tracing is off. */
    public static final TraceContext NONE = new TraceContext(Map.of());

    /** The longest {@link #encoded()} form a storage needs to keep (W3C fields fit; long baggage may not). */
    public static final int MAX_ENCODED_LENGTH = 4000;

    /**
     * @param fields the propagation fields by name, not null; copied
     * @throws NullPointerException     if {@code fields} is null or holds a null name or value
     * @throws IllegalArgumentException if a name is empty or holds {@code =}, a name or value holds a line break, or
     *                                  the encoded form is longer than {@value #MAX_ENCODED_LENGTH} characters
     */
    public TraceContext {
        fields = Map.copyOf(fields);
        int length = 0;
        for (Map.Entry<String, String> field : fields.entrySet()) {
            String name = field.getKey();
            if (name.isEmpty() || name.indexOf('=') >= 0 || breaksLine(name) || breaksLine(field.getValue())) {
                throw new IllegalArgumentException("fields: a name must be non-empty without '=' or line breaks, "
                        + "a value without line breaks; got " + name);
            }
            length += name.length() + field.getValue().length() + 2;
        }
        if (length > MAX_ENCODED_LENGTH + 1) {
            throw new IllegalArgumentException(
                    "fields: encoded they take " + (length - 1) + " characters, more than " + MAX_ENCODED_LENGTH);
        }
    }

    /**
     * A context of these fields, or {@link #NONE} when there are none.
     *
     * @param fields the propagation fields by name, not null
     * @return the context
     * @throws IllegalArgumentException as the constructor does
     */
    public static TraceContext of(Map<String, String> fields) {
        return fields.isEmpty() ? NONE : new TraceContext(fields);
    }

    /** @return true when there is no field: nothing to continue */
    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /**
     * The fields as text for a storage to keep: one {@code name=value} line per field, by name.
     *
     * @return the text, or null when empty (a storage keeps no value then)
     */
    public String encoded() {
        if (fields.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> field : new TreeMap<>(fields).entrySet()) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(field.getKey()).append('=').append(field.getValue());
        }
        return text.toString();
    }

    /**
     * The context {@link #encoded()} wrote.
     *
     * @param text the encoded form; null or empty gives {@link #NONE}
     * @return the context
     * @throws IllegalArgumentException if a line has no {@code =} after a non-empty name
     */
    public static TraceContext decode(String text) {
        if (text == null || text.isEmpty()) {
            return NONE;
        }
        Map<String, String> fields = new TreeMap<>();
        for (String line : text.split("\n", -1)) {
            int equals = line.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("not an encoded trace context line: " + line);
            }
            fields.put(line.substring(0, equals), line.substring(equals + 1));
        }
        return new TraceContext(fields);
    }

    private static boolean breaksLine(String text) {
        return text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
    }
}
