package io.msgsvc;

import io.msgsvc.api.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A reservation's text as a template: {@code #{name}} is replaced by the recipient's variable {@code name}, and
 * {@code #{#}} by a literal {@code #} (so a literal "#{" is written "#{#}{"); every other character stands for itself.
 * A name is 1 to {@value #MAX_NAME_LENGTH} letters (any script), decimal digits, {@code _}, {@code -} or {@code .}.
 * Every "#{" opens a placeholder, so a text without one is sent exactly as written.
 *
 * <p>Plain substitution is all it does: no defaults, no conditions, no escaping of values, and a value is never read
 * as a template itself, so a recipient's data cannot change what the rest of the text says.
 */
final class Template {
    static final String OPEN = "#{";
    static final int MAX_NAME_LENGTH = 64;
    private static final String LITERAL_HASH = "#";

    /** The last template parsed: a dispatch run asks for the same text at every send, on one thread. */
    private static volatile Template last;

    private final String text;
    /** The text between the placeholders: one more than there are names. */
    private final String[] literals;

    private final String[] names;

    private Template(String text, List<String> literals, List<String> names) {
        this.text = text;
        this.literals = literals.toArray(String[]::new);
        this.names = names.toArray(String[]::new);
    }

    /** Whether the text has anything to render at all. */
    static boolean isTemplate(String text) {
        return text.contains(OPEN);
    }

    /**
     * The text each recipient is sent: as written for a delivery without variables (a reservation registered without
     * any, or before templates existed), rendered otherwise. A placeholder without a value stays as written; the
     * registration refused such a request, so only a text stored before templates existed can have one.
     */
    static String forSend(String text, Map<String, String> variables) {
        if (variables == null || !isTemplate(text)) {
            return text;
        }
        Template template = last;
        if (template == null || template.text != text) { // the same String while one run sends
            try {
                template = parse(text);
            } catch (InvalidRequestException storedBeforeTemplates) {
                return text;
            }
            last = template;
        }
        return template.render(variables);
    }

    /**
     * The text without its placeholders (a literal {@code #{#}} kept as {@code #}): what every rendering has in
     * common, so a limit it breaks every rendering breaks. A text without placeholders, or one stored before
     * templates existed that is no template, is returned as it is.
     */
    static String fixedText(String text) {
        if (!isTemplate(text)) {
            return text;
        }
        try {
            return String.join("", parse(text).literals);
        } catch (InvalidRequestException storedBeforeTemplates) {
            return text;
        }
    }

    /**
     * @throws InvalidRequestException naming the field {@code text} when a "#{" opens no well-formed placeholder
     */
    static Template parse(String text) {
        List<String> literals = new ArrayList<>();
        List<String> names = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int from = 0;
        int open;
        while ((open = text.indexOf(OPEN, from)) >= 0) {
            int close = text.indexOf('}', open + OPEN.length());
            if (close < 0) {
                throw new InvalidRequestException(
                        "text", "has a placeholder at index " + open + " without its closing '}'" + HOW_TO_ESCAPE);
            }
            String name = text.substring(open + OPEN.length(), close);
            literal.append(text, from, open);
            if (name.equals(LITERAL_HASH)) {
                literal.append(LITERAL_HASH);
            } else {
                String problem = nameProblem(name);
                if (problem != null) {
                    throw new InvalidRequestException(
                            "text", "has a placeholder at index " + open + " whose name " + problem + HOW_TO_ESCAPE);
                }
                literals.add(literal.toString());
                literal.setLength(0);
                names.add(name);
            }
            from = close + 1;
        }
        literals.add(literal.append(text, from, text.length()).toString());
        return new Template(text, literals, names);
    }

    private static final String HOW_TO_ESCAPE = " (write #{#}{ for a literal #{)";

    /** Why {@code name} is no variable name, or null when it is one. */
    static String nameProblem(String name) {
        if (name.isEmpty()) {
            return "is empty";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return "is " + name.length() + " characters long, more than the maximum of " + MAX_NAME_LENGTH;
        }
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            if (!Character.isLetter(c) && !Character.isDigit(c) && c != '_' && c != '-' && c != '.') {
                return "'" + name + "' has '" + Character.toString(c)
                        + "': a name has only letters, digits, '_', '-' and '.'";
            }
            i += Character.charCount(c);
        }
        return null;
    }

    /** The placeholders' names, each once, in the order they first appear. */
    Set<String> names() {
        return new LinkedHashSet<>(List.of(names));
    }

    /** The length of the text rendered with {@code variables}, each of which has a value for every name. */
    long renderedLength(Map<String, String> variables) {
        long length = 0;
        for (String literal : literals) {
            length += literal.length();
        }
        for (String name : names) {
            length += variables.get(name).length();
        }
        return length;
    }

    /** The text with each placeholder replaced by its value; one without a value stays as written. */
    String render(Map<String, String> variables) {
        if (names.length == 0) {
            return literals[0];
        }
        StringBuilder out = new StringBuilder(text.length() + 16 * names.length);
        for (int i = 0; i < names.length; i++) {
            out.append(literals[i]);
            String value = variables.get(names[i]);
            out.append(value != null ? value : OPEN + names[i] + '}');
        }
        return out.append(literals[names.length]).toString();
    }
}
