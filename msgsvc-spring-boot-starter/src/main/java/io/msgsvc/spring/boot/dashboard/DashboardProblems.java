package io.msgsvc.spring.boot.dashboard;

import io.msgsvc.api.InvalidRequestException;
import io.msgsvc.api.ReservationAccessDeniedException;
import io.msgsvc.api.ReservationNotCancellableException;
import io.msgsvc.api.ReservationNotChangeableException;
import io.msgsvc.api.ReservationNotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The dashboard's refusals as {@code application/problem+json}, with the query parameter at fault in {@code field}.
 * A reservation of another customer is answered as one that does not exist, so ids reveal nothing; a change its
 * state does not allow is a conflict (409).
 */
@Order(Ordered.HIGHEST_PRECEDENCE) // before any catch-all advice of the host, which would answer the dashboard's own
@RestControllerAdvice(
        assignableTypes = {DashboardApiController.class, DashboardActionController.class, DashboardPageController.class
        })
final class DashboardProblems {

    @ExceptionHandler(DashboardRequestException.class)
    ResponseEntity<ProblemDetail> refused(DashboardRequestException e) {
        return problem(e.status(), e.field(), e.getMessage());
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException e) {
        return problem(HttpStatus.BAD_REQUEST, e.field(), e.getMessage());
    }

    @ExceptionHandler({ReservationNotFoundException.class, ReservationAccessDeniedException.class})
    ResponseEntity<ProblemDetail> notFound(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, "id", "id: no such reservation");
    }

    /** A change the reservation's state does not allow now, e.g. pausing one that has ended: nothing changed. */
    @ExceptionHandler({ReservationNotChangeableException.class, ReservationNotCancellableException.class})
    ResponseEntity<ProblemDetail> conflict(RuntimeException e) {
        // the engine names the reservation reservationId; here it is the path's id
        return problem(HttpStatus.CONFLICT, "id", "id: " + e.getMessage().replaceFirst("^reservationId: ", ""));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
