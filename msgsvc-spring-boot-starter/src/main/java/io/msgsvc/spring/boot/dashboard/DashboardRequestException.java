package io.msgsvc.spring.boot.dashboard;

import org.springframework.http.HttpStatus;

/** A dashboard request refused, with the status to answer and the field (query parameter) at fault, if any. */
final class DashboardRequestException extends RuntimeException {
    private final HttpStatus status;
    private final String field;

    DashboardRequestException(HttpStatus status, String field, String detail) {
        super(detail);
        this.status = status;
        this.field = field;
    }

    static DashboardRequestException badParameter(String field, String detail) {
        return new DashboardRequestException(HttpStatus.BAD_REQUEST, field, field + ": " + detail);
    }

    HttpStatus status() {
        return status;
    }

    String field() {
        return field;
    }
}
