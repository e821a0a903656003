package io.msgsvc.api;

/** Base of every exception msgsvc throws on purpose. */
public class MsgsvcException extends RuntimeException {
    public MsgsvcException(String message) {
        super(message);
    }

    public MsgsvcException(String message, Throwable cause) {
        super(message, cause);
    }
}
