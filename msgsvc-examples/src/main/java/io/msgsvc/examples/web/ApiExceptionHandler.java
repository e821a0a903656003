package io.msgsvc.examples.web;

import io.msgsvc.api.IdempotencyConflictException;
import io.msgsvc.api.InvalidRequestException;
import io.msgsvc.api.ReservationAccessDeniedException;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationNotCancellableException;
import io.msgsvc.api.ReservationNotChangeableException;
import io.msgsvc.api.ReservationNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonPointer;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.DatabindException;

/**
 * Every error of the API as {@code application/problem+json} with the {@code field} at fault (see {@link Problems}),
 * whatever the client's {@code Accept} header says.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalidRequest(InvalidRequestException e) {
        // the API takes the idempotency key as a header: name it as the client wrote it
        String field = e.field().equals("idempotencyKey")
                ? "Idempotency-Key"
                : e.field().equals("localSendAt") ? "reserveTime" : e.field(); // a local send time is reserveTime here
        String detail = field.equals(e.field())
                ? e.getMessage()
                : field + e.getMessage().substring(e.field().length());
        return Problems.answer(Problems.of(HttpStatus.BAD_REQUEST, "Invalid request", detail, field));
    }

    /** Another customer's reservation is answered exactly like a missing one, so its existence does not leak. */
    @ExceptionHandler({ReservationNotFoundException.class, ReservationAccessDeniedException.class})
    ResponseEntity<Object> notFound(RuntimeException e) {
        ReservationId id = e instanceof ReservationNotFoundException missing
                ? missing.id()
                : ((ReservationAccessDeniedException) e).id();
        return Problems.answer(Problems.of(
                HttpStatus.NOT_FOUND, "Reservation not found", "No reservation " + id + ".", "reservationId"));
    }

    @ExceptionHandler(IdempotencyConflictException.class)
    ResponseEntity<Object> idempotencyConflict(IdempotencyConflictException e) {
        ProblemDetail problem = Problems.of(
                HttpStatus.CONFLICT,
                "Idempotency key reused",
                "This Idempotency-Key was already used for a different request.",
                "Idempotency-Key");
        problem.setProperty("existingReservationId", e.existing().toString());
        return Problems.answer(problem);
    }

    @ExceptionHandler(ReservationNotCancellableException.class)
    ResponseEntity<Object> notCancellable(ReservationNotCancellableException e) {
        ProblemDetail problem =
                Problems.of(HttpStatus.CONFLICT, "Nothing left to cancel", e.getMessage(), "reservationId");
        // beside the problem's own HTTP "status"
        problem.setProperty("reservationStatus", e.status());
        return Problems.answer(problem);
    }

    @ExceptionHandler(ReservationNotChangeableException.class)
    ResponseEntity<Object> notChangeable(ReservationNotChangeableException e) {
        ProblemDetail problem = Problems.of(
                HttpStatus.CONFLICT,
                "Reservation cannot be " + e.actionDone() + " now",
                e.getMessage(),
                "reservationId");
        problem.setProperty("reservationStatus", e.status());
        return Problems.answer(problem);
    }

    @ExceptionHandler(InvalidSignatureException.class)
    ResponseEntity<Object> invalidSignature(InvalidSignatureException e) {
        ProblemDetail problem = Problems.of(
                HttpStatus.UNAUTHORIZED, "Callback signature missing or wrong", e.getMessage() + ".", e.field());
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Signature header=\"" + GatewaySignatures.SIGNATURE_HEADER + "\"")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** What no handler expected: logged here, answered without any of its internals. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("request failed", e);
        return Problems.answer(Problems.of(
                HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "The request could not be completed.", null));
    }

    /** A query parameter or path variable of the wrong type, e.g. {@code size=ten}. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return withField(super.handleTypeMismatch(ex, headers, status, request), ex.getPropertyName());
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        return withField(
                super.handleMissingServletRequestParameter(ex, headers, status, request), ex.getParameterName());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(
            HttpMediaTypeNotAcceptableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return withField(super.handleHttpMediaTypeNotAcceptable(ex, headers, status, request), HttpHeaders.ACCEPT);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return withField(super.handleHttpMediaTypeNotSupported(ex, headers, status, request), HttpHeaders.CONTENT_TYPE);
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
            HttpRequestMethodNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return withField(super.handleHttpRequestMethodNotSupported(ex, headers, status, request), "method");
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return withField(super.handleNoResourceFoundException(ex, headers, status, request), "path");
    }

    /** Malformed JSON, a member of the wrong type, an unknown or repeated member, or no body at all. */
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
        return withField(response, jsonField(ex.getCause()));
    }

    /** Every body this class makes is a problem: say so, so the answer needs no negotiation. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail) {
            HttpHeaders problemHeaders = new HttpHeaders();
            problemHeaders.putAll(headers);
            problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            return super.createResponseEntity(body, problemHeaders, statusCode, request);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static ResponseEntity<Object> withField(ResponseEntity<Object> response, String field) {
        if (response != null && field != null && response.getBody() instanceof ProblemDetail problem) {
            problem.setProperty(Problems.FIELD, field);
        }
        return response;
    }

    /** {@code recipients[2]}, {@code sendAt}: the notation of the engine's fields; {@code body} for the whole. */
    private static String jsonField(Throwable cause) {
        if (cause instanceof DatabindException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JacksonException.Reference ref : mapping.getPath()) {
                if (ref.getPropertyName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
                } else {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            return path.toString();
        }
        if (cause instanceof StreamReadException parse
                && !(cause instanceof UnexpectedEndOfInputException) // cut short: the body as a whole
                && parse.processor() != null) {
            JsonParser parser = parse.processor();
            // a repeated member or broken syntax: where the parser stood
            StringBuilder path = new StringBuilder();
            for (JsonPointer p = parser.streamReadContext().pathAsPointer(); !p.matches(); p = p.tail()) {
                if (p.mayMatchElement()) { // an index: the body has no member named by digits
                    path.append('[').append(p.getMatchingIndex()).append(']');
                } else {
                    path.append(path.isEmpty() ? "" : ".").append(p.getMatchingProperty());
                }
            }
            if (!path.isEmpty()) {
                return path.toString();
            }
        }
        return "body";
    }
}
