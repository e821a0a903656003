package io.msgsvc.spring.boot.dashboard.sample;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A host application's catch-all error handler, as many have: the dashboard's own refusals must still be answered
 * as the dashboard answers them, not as this host's 500.
 */
@RestControllerAdvice
class HostExceptionHandler {

    @ExceptionHandler(Exception.class)
    ResponseEntity<String> unexpected(Exception e) {
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body("host: request failed");
    }
}
