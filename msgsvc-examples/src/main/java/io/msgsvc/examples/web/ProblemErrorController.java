package io.msgsvc.examples.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The server's error page, in place of Spring Boot's: errors the servlet container raises itself (a method it does
 * not allow, too many cookies...) come here and leave as problem+json like the API's own. Asked for directly,
 * {@code /error} is a path like any unknown one.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<Object> error(HttpServletRequest request) {
        if (request.getDispatcherType() != DispatcherType.ERROR
                || !(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status)
                || status < 400) {
            return Problems.answer(Problems.of(HttpStatus.NOT_FOUND, "Not Found", "No such resource.", "path"));
        }
        boolean server = status >= 500;
        return Problems.answer(Problems.of(
                HttpStatusCode.valueOf(status),
                Problems.titleFor(status),
                server ? "The request could not be completed." : "The request cannot be answered as it is.",
                server ? null : Problems.fieldFor(status)));
    }
}
