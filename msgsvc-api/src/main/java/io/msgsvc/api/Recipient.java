package io.msgsvc.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One recipient of a reservation with the values its text's placeholders take for it.
 *
 * <p>A reservation's text may hold placeholders {@code #{name}}; each is replaced, per recipient, by the value of its
 * variable {@code name} when the message is sent. A name is 1 to 64 characters, each a letter (of any script, so
 * {@code #{이름}} works), a decimal digit, {@code _}, {@code -} or {@code .}; {@code #{#}} stands for a literal
 * {@code #}, so <code>#&#123;#&#125;&#123;</code> writes a literal
 * <code>#&#123;</code>. Every placeholder of the text must have a value for every
 * recipient, or the request is refused; variables the text does not use are kept and ignored.
 *
 * <p>Like the request's builder, this accepts anything (nulls included); the engine validates on {@code reserve} and
 * names the field at fault, e.g. {@code recipients[3].variables.name}.
 *
 * @param address   whom to send to, as {@link ReservationRequest#recipients()} holds it
 * @param variables the values of the text's placeholders for this recipient, by name; copied, unmodifiable, in the
 *                  order given; empty (never null) for none
 */
public record Recipient(String address, Map<String, String> variables) {
    /**
     * @param address   whom to send to
     * @param variables the values of the text's placeholders for this recipient; null for none; copied
     */
    public Recipient {
        // null names and values survive the copy so validation can name them
        variables = variables == null || variables.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    /**
     * @param address whom to send to
     * @return a recipient without variables
     */
    public static Recipient of(String address) {
        return new Recipient(address, Map.of());
    }

    /**
     * @param address   whom to send to
     * @param variables the values of the text's placeholders for this recipient; copied
     * @return a recipient with those variables
     */
    public static Recipient of(String address, Map<String, String> variables) {
        return new Recipient(address, variables);
    }

    /** Each address with its recipient given with variables, or without any; a null address stays null if any was. */
    static List<Recipient> listOf(List<String> addresses, List<Recipient> withVariables) {
        List<Recipient> list = new ArrayList<>(addresses.size());
        for (int i = 0; i < addresses.size(); i++) {
            Recipient given = withVariables == null ? null : withVariables.get(i);
            String address = addresses.get(i);
            list.add(given != null ? given : address == null && withVariables != null ? null : Recipient.of(address));
        }
        return list;
    }
}
