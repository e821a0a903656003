package io.msgsvc.examples.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the API behind API keys and a request size limit; the page, its assets and actuator stay open. */
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
                .excludePathPatterns(DASHBOARD_STREAM);
        registry.addInterceptor(ApiKeyInterceptor.fromQueryParameter(apiKeys)).addPathPatterns(DASHBOARD_STREAM);
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
            MsgsvcProperties properties, ObjectMapper objectMapper) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestSizeLimitFilter(properties.maxRequestSize(), objectMapper));
        registration.addUrlPatterns(API + "/*");
        // before anything reads the body
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return registration;
    }
}
