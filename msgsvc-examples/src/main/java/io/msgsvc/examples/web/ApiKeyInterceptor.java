package io.msgsvc.examples.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Function;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Resolves the calling customer from the API key and stores it in the request attribute {@link #CUSTOMER_ID}, where
 * controllers read it with {@code @RequestAttribute}. A customer id never comes from the request itself.
 */
class ApiKeyInterceptor implements HandlerInterceptor {
    static final String CUSTOMER_ID = "msgsvc.customerId";
    static final String API_KEY_HEADER = "X-Api-Key";
    /** Browsers' EventSource cannot send headers, so the dashboard stream takes the key as this query parameter. */
    static final String API_KEY_PARAMETER = "apiKey";

    private final ApiKeys apiKeys;
    private final Function<HttpServletRequest, String> keySource;
    private final String field;
    private final String where;

    private ApiKeyInterceptor(
            ApiKeys apiKeys, Function<HttpServletRequest, String> keySource, String field, String where) {
        this.apiKeys = apiKeys;
        this.keySource = keySource;
        this.field = field;
        this.where = where;
    }

    static ApiKeyInterceptor fromHeader(ApiKeys apiKeys) {
        return new ApiKeyInterceptor(
                apiKeys, request -> request.getHeader(API_KEY_HEADER), API_KEY_HEADER, "header " + API_KEY_HEADER);
    }

    static ApiKeyInterceptor fromQueryParameter(ApiKeys apiKeys) {
        return new ApiKeyInterceptor(
                apiKeys,
                request -> request.getParameter(API_KEY_PARAMETER),
                API_KEY_PARAMETER,
                "query parameter " + API_KEY_PARAMETER);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String key = keySource.apply(request);
        if (key == null || key.isBlank()) {
            throw new InvalidApiKeyException(field, "an API key is required in the " + where);
        }
        String customerId = apiKeys.customerFor(key)
                .orElseThrow(() -> new InvalidApiKeyException(field, "the API key in the " + where + " is not valid"));
        request.setAttribute(CUSTOMER_ID, customerId);
        return true;
    }
}
