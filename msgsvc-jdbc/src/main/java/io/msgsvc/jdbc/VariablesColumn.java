package io.msgsvc.jdbc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A delivery's template variables in its {@code variables} column: one flat JSON object of strings, in the order
 * given ({@code {"name":"Kim","code":"4711"}}); null for a delivery whose text is sent as written. Jackson's streaming
 * API, as the outbox's JSON: no object mapping needed for a map of strings.
 */
final class VariablesColumn {
    private static final JsonFactory JSON = new JsonFactory();

    private VariablesColumn() {}

    static String encode(Map<String, String> variables) {
        if (variables == null) {
            return null;
        }
        StringWriter out = new StringWriter(16 + 24 * variables.size());
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            for (Map.Entry<String, String> variable : variables.entrySet()) {
                json.writeStringField(variable.getKey(), variable.getValue());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen writing to a string", e);
        }
        return out.toString();
    }

    static Map<String, String> decode(String column) {
        if (column == null) {
            return null;
        }
        Map<String, String> variables = new LinkedHashMap<>();
        try (JsonParser json = JSON.createParser(column)) {
            expect(json.nextToken(), JsonToken.START_OBJECT, column);
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                expect(json.nextToken(), JsonToken.VALUE_STRING, column);
                variables.put(name, json.getText());
            }
            expect(json.currentToken(), JsonToken.END_OBJECT, column);
        } catch (IOException e) {
            throw new IllegalStateException("msgsvc_delivery.variables is no JSON object of strings: " + column, e);
        }
        return Collections.unmodifiableMap(variables);
    }

    private static void expect(JsonToken token, JsonToken expected, String column) {
        if (token != expected) {
            throw new IllegalStateException("msgsvc_delivery.variables is no JSON object of strings: " + column);
        }
    }
}
