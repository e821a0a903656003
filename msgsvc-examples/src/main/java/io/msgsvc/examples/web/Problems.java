package io.msgsvc.examples.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.ObjectMapper;

/**
 * The API's error bodies: {@code application/problem+json}, and for a problem one part of the request causes, a
 * {@code field} naming it, in the notation of the engine's fields ({@code text}, {@code recipients[2]}) or the HTTP
 * element at fault ({@code Accept}, {@code Content-Type}, {@code X-Api-Key}, {@code path}, {@code body}). Details
 * never carry internal class names or stack traces.
 */
final class Problems {
    static final String FIELD = "field";

    private Problems() {}

    static ProblemDetail of(HttpStatusCode status, String title, String detail, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (field != null) {
            problem.setProperty(FIELD, field);
        }
        return problem;
    }

    /** The answer itself: problem+json whatever the client asked for, as there is nothing else to say it in. */
    static ResponseEntity<Object> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** For filters and the server's own errors, below Spring MVC. */
    static void write(HttpServletResponse response, ObjectMapper json, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }

    /** The field a status names when nothing more precise is known. */
    static String fieldFor(int status) {
        return switch (status) {
            case 401 -> ApiKeyAuthenticationFilter.API_KEY_HEADER;
            case 405 -> "method";
            case 406 -> "Accept";
            case 413 -> "body";
            case 415 -> "Content-Type";
            case 431 -> "headers";
            default -> "path";
        };
    }

    static String titleFor(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known != null ? known.getReasonPhrase() : "Error";
    }
}
