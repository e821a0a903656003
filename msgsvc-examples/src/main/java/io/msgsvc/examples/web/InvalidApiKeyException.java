package io.msgsvc.examples.web;

/** The request carried no API key, or one that belongs to no customer. */
class InvalidApiKeyException extends RuntimeException {
    InvalidApiKeyException(String message) {
        super(message);
    }
}
