package io.msgsvc.examples.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * Guards the operations endpoints ({@code /actuator/*}). Anyone may ask the probes (health, liveness, readiness),
 * which then say up or down and nothing more; the rest (health details, metrics, Prometheus) needs the operator key
 * in {@code X-Operator-Key}, or as a bearer token ({@code Authorization: Bearer <key>}, which is what a Prometheus
 * scrape configuration's {@code authorization} sends). A caller with the key is an {@code OPERATOR}, which is what
 * the health endpoint's {@code show-details=when-authorized} asks for.
 */
final class OperatorAccessFilter extends OncePerRequestFilter {
    static final String OPERATOR_KEY_HEADER = "X-Operator-Key";
    static final String ROLE = "OPERATOR";
    private static final String BEARER = "Bearer ";
    private static final Set<String> PROBES =
            Set.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness");

    private final byte[] operatorKey;
    private final ObjectMapper json;

    OperatorAccessFilter(String operatorKey, ObjectMapper json) {
        this.operatorKey =
                operatorKey == null || operatorKey.isBlank() ? null : operatorKey.getBytes(StandardCharsets.UTF_8);
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = presentedKey(request);
        boolean operator = operatorKey != null
                && given != null
                && MessageDigest.isEqual(operatorKey, given.getBytes(StandardCharsets.UTF_8));
        if (operator) {
            chain.doFilter(new Operator(request), response);
        } else if (PROBES.contains(request.getRequestURI())) {
            chain.doFilter(request, response);
        } else {
            response.setHeader("WWW-Authenticate", "OperatorKey header=\"" + OPERATOR_KEY_HEADER + "\"");
            Problems.write(
                    response,
                    json,
                    Problems.of(
                            HttpStatus.UNAUTHORIZED,
                            "Operator key missing or wrong",
                            "The operations endpoints need the operator key in the header " + OPERATOR_KEY_HEADER + ".",
                            OPERATOR_KEY_HEADER));
        }
    }

    private static String presentedKey(HttpServletRequest request) {
        String header = request.getHeader(OPERATOR_KEY_HEADER);
        if (header != null) {
            return header;
        }
        String authorization = request.getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).trim()
                : null;
    }

    /** The request of a caller who showed the operator key. */
    private static final class Operator extends HttpServletRequestWrapper {
        Operator(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Principal getUserPrincipal() {
            return () -> "operator";
        }

        @Override
        public boolean isUserInRole(String role) {
            return ROLE.equals(role);
        }
    }
}
