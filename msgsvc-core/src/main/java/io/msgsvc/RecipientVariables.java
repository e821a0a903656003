package io.msgsvc;

import io.msgsvc.api.InvalidRequestException;
import io.msgsvc.api.Recipient;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The recipients' variables of one request as registration checks them against its text ({@link Template}): names
 * well-formed, values present and within limits, every placeholder given a value for every recipient, and each
 * rendered text within the stored maximum. A request without placeholders and variables yields none to store.
 */
final class RecipientVariables {
    static final int MAX_VARIABLES = 100;
    static final int MAX_VALUE_LENGTH = 2_000;
    /**
     * Names and values of one recipient together: stored as JSON, where a control character takes six, this keeps
     * every recipient's column within what each database holds (H2's 1 000 000 characters, the smallest).
     */
    static final int MAX_CHARACTERS = 20_000;
    /** Cannot be a recipient (validation refuses NUL there), so no recipient list can pass for the variables. */
    private static final String FINGERPRINT_TAG = "\u0000variables";

    private final Template template;
    private final Set<String> names;
    private final List<Map<String, String>> kept = new ArrayList<>();
    private boolean anyGiven;

    private RecipientVariables(Template template) {
        this.template = template;
        this.names = template == null ? Set.of() : template.names();
    }

    /** For a request with {@code text}; refuses a text whose "#{" opens no well-formed placeholder. */
    static RecipientVariables forText(String text) {
        return new RecipientVariables(Template.isTemplate(text) ? Template.parse(text) : null);
    }

    /** Checks the variables of the recipient given at {@code index} and keeps them for the recipient's delivery. */
    void keep(int index, Recipient recipient) {
        Map<String, String> given = recipient.variables();
        String field = "recipients[" + index + "].variables";
        if (given.size() > MAX_VARIABLES) {
            throw new InvalidRequestException(
                    field, "has " + given.size() + " entries, more than the limit of " + MAX_VARIABLES);
        }
        long characters = 0;
        for (Map.Entry<String, String> variable : given.entrySet()) {
            if (variable.getKey() == null) {
                throw new InvalidRequestException(field, "has a variable without a name");
            }
            String problem = Template.nameProblem(variable.getKey());
            if (problem != null) {
                throw new InvalidRequestException(field, "has a variable whose name " + problem);
            }
            RequestValidator.rejectIllFormed(field, variable.getKey());
            String valueField = field + "." + variable.getKey();
            String value = variable.getValue();
            if (value == null) {
                throw new InvalidRequestException(valueField, "must not be null");
            }
            if (value.length() > MAX_VALUE_LENGTH) {
                throw new InvalidRequestException(
                        valueField,
                        "is " + value.length() + " characters long, more than the maximum of " + MAX_VALUE_LENGTH);
            }
            RequestValidator.rejectIllFormed(valueField, value);
            characters += variable.getKey().length() + value.length();
        }
        if (characters > MAX_CHARACTERS) {
            throw new InvalidRequestException(
                    field,
                    "hold " + characters + " characters in names and values, more than the maximum of "
                            + MAX_CHARACTERS);
        }
        for (String name : names) {
            if (!given.containsKey(name)) {
                throw new InvalidRequestException(field + "." + name, "must be given: the text has #{" + name + "}");
            }
        }
        if (template != null) {
            long length = template.renderedLength(given);
            if (length > RequestValidator.MAX_TEXT_LENGTH) {
                throw new InvalidRequestException(
                        field,
                        "make a text " + length + " characters long, more than the maximum of "
                                + RequestValidator.MAX_TEXT_LENGTH);
            }
        }
        anyGiven |= !given.isEmpty();
        kept.add(given);
    }

    /** The text this recipient is sent, or null when it is the text as written (no placeholder to render). */
    String rendering(Recipient recipient) {
        return template == null || names.isEmpty() ? null : template.render(recipient.variables());
    }

    /** What to store, one map per kept recipient; empty when the text is sent as written to everyone. */
    List<Map<String, String>> toStore() {
        return template == null && !anyGiven ? List.of() : Collections.unmodifiableList(kept);
    }

    /**
     * Adds the kept recipients' variables to a request's fingerprint, name by name in a fixed order; nothing when none
     * was given, so the fingerprints of requests without variables stay as they were.
     */
    void addTo(MessageDigest digest) {
        if (!anyGiven) {
            return;
        }
        RequestValidator.update(digest, FINGERPRINT_TAG);
        for (Map<String, String> variables : kept) {
            RequestValidator.update(digest, Integer.toString(variables.size()));
            for (Map.Entry<String, String> variable : new TreeMap<>(variables).entrySet()) {
                RequestValidator.update(digest, variable.getKey());
                RequestValidator.update(digest, variable.getValue());
            }
        }
    }
}
