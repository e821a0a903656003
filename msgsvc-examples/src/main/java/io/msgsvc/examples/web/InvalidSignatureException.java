package io.msgsvc.examples.web;

/** A gateway callback whose signature is missing, wrong, too old or seen before: it changes nothing. */
class InvalidSignatureException extends RuntimeException {
    private final String field;

    /** @param field the header at fault: the signature or its timestamp */
    InvalidSignatureException(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
