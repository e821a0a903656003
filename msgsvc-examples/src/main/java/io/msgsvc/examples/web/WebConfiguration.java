package io.msgsvc.examples.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import jakarta.servlet.Filter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the API behind API keys and a request size limit, the operations endpoints behind the operator key, and makes
 * every error a problem+json answer, down to the ones Tomcat gives itself. The page and its assets stay open.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {
    static final String API = "/api";
    static final String DASHBOARD_STREAM = API + "/dashboard/stream";

    private final ApiKeys apiKeys;

    WebConfiguration(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(ApiKeyInterceptor.fromHeader(apiKeys))
                .addPathPatterns(API + "/**")
                .excludePathPatterns(DASHBOARD_STREAM, GatewayReportController.PATH + "/**"); // signed instead
        registry.addInterceptor(ApiKeyInterceptor.fromQueryParameter(apiKeys)).addPathPatterns(DASHBOARD_STREAM);
    }

    @Bean
    FilterRegistrationBean<StrictRequestFilter> strictRequestFilter(ObjectMapper objectMapper) {
        // before anything reads parameters or the body
        return registration(new StrictRequestFilter(objectMapper), Ordered.HIGHEST_PRECEDENCE + 50);
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
            MsgsvcProperties properties, ObjectMapper objectMapper) {
        // before anything reads the body
        return registration(
                new RequestSizeLimitFilter(properties.maxRequestSize(), objectMapper),
                Ordered.HIGHEST_PRECEDENCE + 100,
                API + "/*");
    }

    @Bean
    FilterRegistrationBean<OperatorAccessFilter> operatorAccessFilter(
            MsgsvcProperties properties, ObjectMapper objectMapper) {
        return registration(
                new OperatorAccessFilter(properties.operatorKey(), objectMapper),
                Ordered.HIGHEST_PRECEDENCE + 100,
                "/actuator/*");
    }

    private static <F extends Filter> FilterRegistrationBean<F> registration(F filter, int order, String... paths) {
        FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns(paths);
        registration.setOrder(order);
        return registration;
    }

    /** The gateways' callback secrets, from {@code msgsvc.gateways.<name>.secret}. */
    @Bean
    GatewaySignatures gatewaySignatures(MsgsvcProperties properties) {
        Map<String, byte[]> secrets = new HashMap<>();
        if (properties.gateways() != null) {
            properties.gateways().forEach((name, gateway) -> {
                if (gateway.secret() == null || gateway.secret().length() < 16) {
                    throw new IllegalStateException(
                            "msgsvc.gateways." + name + ".secret must be 16 characters or more");
                }
                secrets.put(name, gateway.secret().getBytes(StandardCharsets.UTF_8));
            });
        }
        return new GatewaySignatures(secrets, Clock.systemUTC());
    }

    /**
     * Request bodies read strictly (with the {@code spring.jackson.*} settings in application.properties): a number
     * or a boolean where the API expects text is refused, not turned into text.
     */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictJson() {
        return builder -> builder.postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    /** Tomcat's own error page (for what it refuses before the application sees it) as problem+json. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemJsonErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            StandardHost host = (StandardHost) context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new ProblemJsonErrorReportValve());
            host.setErrorReportValveClass(ProblemJsonErrorReportValve.class.getName());
        });
    }
}
