package io.msgsvc.api;

/** A request field is missing or wrong; nothing was stored. {@link #field()} names it, e.g. {@code recipients[3]}. */
public class InvalidRequestException extends MsgsvcException {
    /** The field at fault. */
    private final String field;

    /**
     * @param field   the field at fault, e.g. {@code recipients[3]}; it starts the message
     * @param problem what is wrong with it, e.g. "must not be blank"
     */
    public InvalidRequestException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** @return the field at fault, e.g. {@code text}, {@code recipients[3]} or {@code reports[0].status} */
    public String field() {
        return field;
    }
}
