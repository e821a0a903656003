package io.msgsvc.examples.web;

/** The request carried no API key, or one that belongs to no customer. */
class InvalidApiKeyException extends RuntimeException {
    private final String field;

    /** @param field where the key was looked for: the header or the query parameter */
    InvalidApiKeyException(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
