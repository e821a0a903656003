package io.msgsvc.api;

/** A request field is missing or wrong; nothing was stored. {@link #field()} names it, e.g. {@code recipients[3]}. */
public class InvalidRequestException extends MsgsvcException {
    private final String field;

    public InvalidRequestException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
