package io.msgsvc.examples.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * Turns the {@code X-Api-Key} header of an API request into the authenticated principal: a customer's key into
 * that customer (authority {@link #CUSTOMER}), whose id the controllers take as {@code @AuthenticationPrincipal};
 * the operator key into {@code operator} with the dashboard's operator authority. A key that opens nothing is
 * refused here with 401; a request without one goes on and is refused by {@link #entryPoint} where the API needs a
 * key. A customer id never comes from the request itself.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {
    static final String API_KEY_HEADER = "X-Api-Key";
    static final String CUSTOMER = "CUSTOMER";

    private final ApiKeys apiKeys;
    private final String operatorAuthority;
    private final RequestMatcher keyless;
    private final ObjectMapper json;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    /**
     * @param operatorAuthority the authority of the operator key's principal
     * @param keyless requests authenticated otherwise (gateway callbacks are signed), which a key does not concern
     */
    ApiKeyAuthenticationFilter(ApiKeys apiKeys, String operatorAuthority, RequestMatcher keyless, ObjectMapper json) {
        this.apiKeys = apiKeys;
        this.operatorAuthority = operatorAuthority;
        this.keyless = keyless;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return keyless.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(API_KEY_HEADER);
        if (key == null || key.isBlank()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Authentication> authentication = authenticate(key);
        if (authentication.isEmpty()) {
            refuse(response, json, "the API key in the header " + API_KEY_HEADER + " is not valid.");
            return;
        }
        var context = contexts.createEmptyContext();
        context.setAuthentication(authentication.get());
        contexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }

    private Optional<Authentication> authenticate(String key) {
        Optional<String> customer = apiKeys.customerFor(key);
        if (customer.isPresent()) {
            return Optional.of(token(customer.get(), CUSTOMER));
        }
        return apiKeys.isOperatorKey(key) ? Optional.of(token(ApiKeys.OPERATOR, operatorAuthority)) : Optional.empty();
    }

    private static Authentication token(String name, String authority) {
        return UsernamePasswordAuthenticationToken.authenticated(
                name, null, AuthorityUtils.createAuthorityList(authority));
    }

    /** For an API request without a key. */
    static AuthenticationEntryPoint entryPoint(ObjectMapper json) {
        return (request, response, e) ->
                refuse(response, json, "an API key is required in the header " + API_KEY_HEADER + ".");
    }

    private static void refuse(HttpServletResponse response, ObjectMapper json, String detail) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + API_KEY_HEADER + "\"");
        Problems.write(
                response,
                json,
                Problems.of(HttpStatus.UNAUTHORIZED, "API key missing or wrong", detail, API_KEY_HEADER));
    }
}
