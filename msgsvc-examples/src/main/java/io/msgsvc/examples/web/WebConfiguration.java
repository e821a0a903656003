package io.msgsvc.examples.web;

import jakarta.servlet.Filter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Puts the API behind a request size limit, the operations endpoints behind the operator key, and makes every error a
 * problem+json answer, down to the ones Tomcat gives itself. Who may call the API and open the dashboard is
 * {@link SecurityConfiguration}'s.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {
    static final String API = "/api";

    @Bean
    FilterRegistrationBean<StrictRequestFilter> strictRequestFilter(JsonMapper json) {
        // before anything reads parameters or the body
        return registration(new StrictRequestFilter(json), Ordered.HIGHEST_PRECEDENCE + 50);
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
            ExampleProperties properties, JsonMapper json) {
        // before anything reads the body
        return registration(
                new RequestSizeLimitFilter(properties.maxRequestSize(), json),
                Ordered.HIGHEST_PRECEDENCE + 100,
                API + "/*");
    }

    @Bean
    FilterRegistrationBean<OperatorAccessFilter> operatorAccessFilter(ExampleProperties properties, JsonMapper json) {
        return registration(
                new OperatorAccessFilter(properties.operatorKey(), json),
                Ordered.HIGHEST_PRECEDENCE + 100,
                "/actuator/*");
    }

    private static <F extends Filter> FilterRegistrationBean<F> registration(F filter, int order, String... paths) {
        FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns(paths);
        registration.setOrder(order);
        return registration;
    }

    /** The gateways' callback secrets, from {@code example.gateways.<name>.secret}. */
    @Bean
    GatewaySignatures gatewaySignatures(ExampleProperties properties) {
        Map<String, byte[]> secrets = new HashMap<>();
        if (properties.gateways() != null) {
            properties.gateways().forEach((name, gateway) -> {
                if (gateway.secret() == null || gateway.secret().length() < 16) {
                    throw new IllegalStateException(
                            "example.gateways." + name + ".secret must be 16 characters or more");
                }
                secrets.put(name, gateway.secret().getBytes(StandardCharsets.UTF_8));
            });
        }
        return new GatewaySignatures(secrets, Clock.systemUTC());
    }

    /**
     * Request bodies read strictly (with the {@code spring.jackson.*} settings in application.properties): a repeated
     * member is refused (a parser feature, which Spring Boot has no property for), and a number or a boolean where
     * the API expects text is refused, not turned into text.
     */
    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .withCoercionConfig(
                        LogicalType.Textual,
                        textual -> textual.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
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
