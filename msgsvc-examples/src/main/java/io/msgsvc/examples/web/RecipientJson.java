package io.msgsvc.examples.web;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.msgsvc.api.Recipient;
import java.util.Map;

/**
 * One entry of a new reservation's {@code recipients}: a plain string ({@code "+8210-1111-2222"}), or an object with
 * the values the text's placeholders take for that recipient, {@code {"to": "+8210-1111-2222", "variables": {"name":
 * "Kim"}}}. The engine checks both (a missing variable is the problem's field {@code recipients[3].variables.name}).
 *
 * @param to        whom to send to
 * @param variables the values of the text's {@code #{name}} placeholders for this recipient, by name; may be absent
 */
public record RecipientJson(String to, Map<String, String> variables) {
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public RecipientJson {}

    /** A recipient given as a plain string. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static RecipientJson of(String to) {
        return new RecipientJson(to, null);
    }

    /** Null stays null, for the engine to name it. */
    static Recipient toRecipient(RecipientJson json) {
        return json == null ? null : new Recipient(json.to, json.variables);
    }
}
