package io.msgsvc.examples.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import io.msgsvc.api.IdempotencyConflictException;
import io.msgsvc.api.InvalidRequestException;
import io.msgsvc.api.ReservationAccessDeniedException;
import io.msgsvc.api.ReservationNotCancellableException;
import io.msgsvc.api.ReservationNotFoundException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as {@code application/problem+json}. A problem caused by one request field carries its name in the
 * {@code field} property (e.g. {@code recipients[2]}), so a client can point at it.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {
    static final String FIELD = "field";

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalidRequest(InvalidRequestException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid request");
        problem.setProperty(FIELD, e.field());
        return problem;
    }

    /** Another customer's reservation is answered exactly like a missing one, so its existence does not leak. */
    @ExceptionHandler({ReservationNotFoundException.class, ReservationAccessDeniedException.class})
    ProblemDetail notFound(RuntimeException e) {
        Object id = e instanceof ReservationNotFoundException missing
                ? missing.id()
                : ((ReservationAccessDeniedException) e).id();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No reservation " + id + ".");
        problem.setTitle("Reservation not found");
        return problem;
    }

    @ExceptionHandler(IdempotencyConflictException.class)
    ProblemDetail idempotencyConflict(IdempotencyConflictException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONFLICT, "This Idempotency-Key was already used for a different request.");
        problem.setTitle("Idempotency key reused");
        problem.setProperty(FIELD, "Idempotency-Key");
        problem.setProperty("existingReservationId", e.existing().toString());
        return problem;
    }

    @ExceptionHandler(ReservationNotCancellableException.class)
    ProblemDetail notCancellable(ReservationNotCancellableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Reservation already ended");
        problem.setProperty("status", e.status());
        return problem;
    }

    @ExceptionHandler(InvalidApiKeyException.class)
    ResponseEntity<ProblemDetail> invalidApiKey(InvalidApiKeyException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage() + ".");
        problem.setTitle("API key missing or wrong");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + ApiKeyInterceptor.API_KEY_HEADER + "\"")
                .body(problem);
    }

    /** A query parameter or path variable of the wrong type, e.g. {@code size=ten}. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return withField(super.handleTypeMismatch(ex, headers, status, request), ex.getPropertyName());
    }

    /** Malformed JSON, or a value of the wrong type such as a {@code sendAt} that is no ISO-8601 instant. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleHttpMessageNotReadable(ex, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            problem.setDetail(
                    ex.getCause() == null
                            ? "The request body is missing."
                            : "The request body is not valid JSON for this request.");
        }
        if (ex.getCause() instanceof JsonMappingException mapping
                && !mapping.getPath().isEmpty()) {
            return withField(response, jsonPath(mapping));
        }
        return response;
    }

    private static ResponseEntity<Object> withField(ResponseEntity<Object> response, String field) {
        if (response != null && field != null && response.getBody() instanceof ProblemDetail problem) {
            problem.setProperty(FIELD, field);
        }
        return response;
    }

    /** {@code recipients[2]}, {@code sendAt}: the same notation the engine uses for its fields. */
    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
