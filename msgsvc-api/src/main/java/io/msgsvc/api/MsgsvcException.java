package io.msgsvc.api;

/** Base of every exception msgsvc throws on purpose. */
public class MsgsvcException extends RuntimeException {
    /** @param message what is wrong, naming the field or the reservation at fault */
    public MsgsvcException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong
     * @param cause   the failure behind it
     */
    public MsgsvcException(String message, Throwable cause) {
        super(message, cause);
    }
}
