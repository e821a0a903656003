package io.msgsvc.examples.web;

import io.msgsvc.spring.boot.dashboard.MsgsvcDashboardProperties;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who gets in, with Spring Security, in three filter chains: the REST API by API key ({@code X-Api-Key}, stateless),
 * the starter's dashboard by signing in (a session: the user name is the customer id, the password its API key; the
 * operator signs in as {@code operator} with the operator key and sees every customer), and the operations endpoints,
 * which {@link OperatorAccessFilter} guards before any of this.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain operationsChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                // the operator OperatorAccessFilter recognised stays the request's user, for the health details
                .servletApi(servletApi -> servletApi.disable())
                .anonymous(anonymous -> anonymous.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiChain(
            HttpSecurity http, ApiKeys apiKeys, MsgsvcDashboardProperties dashboard, JsonMapper json) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        // signed by the gateway instead (GatewaySignatures)
        var callbacks = paths.matcher(GatewayReportController.PATH + "/**");
        var apiKeyFilter = new ApiKeyAuthenticationFilter(apiKeys, dashboard.operatorAuthority(), callbacks, json);
        return http.securityMatcher(paths.matcher(WebConfiguration.API + "/**"))
                .authorizeHttpRequests(requests -> requests.requestMatchers(callbacks)
                        .permitAll()
                        .anyRequest()
                        .hasAuthority(ApiKeyAuthenticationFilter.CUSTOMER))
                .addFilterBefore(apiKeyFilter, AnonymousAuthenticationFilter.class)
                // a browser never sends the X-Api-Key header by itself, so no other site can make it
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(
                                ApiKeyAuthenticationFilter.entryPoint(json))
                        .accessDeniedHandler((request, response, denied) -> Problems.write(
                                response,
                                json,
                                Problems.of(
                                        HttpStatus.FORBIDDEN,
                                        "Not a customer's key",
                                        "The API acts for a customer: call it with a customer's API key in the header "
                                                + ApiKeyAuthenticationFilter.API_KEY_HEADER + ".",
                                        ApiKeyAuthenticationFilter.API_KEY_HEADER))))
                .build();
    }

    /**
     * The dashboard and everything else. The page sends the CSRF token of the {@code XSRF-TOKEN} cookie back in the
     * {@code X-XSRF-TOKEN} header ({@code csrf.spa()}); its API answers 401 rather than the sign-in page.
     */
    @Bean
    @Order(3)
    SecurityFilterChain dashboardChain(HttpSecurity http, MsgsvcDashboardProperties dashboard) throws Exception {
        String base = dashboard.basePath();
        return http.authorizeHttpRequests(requests -> requests.requestMatchers(base + "/**")
                        .authenticated()
                        .anyRequest()
                        .permitAll())
                .formLogin(form -> form.defaultSuccessUrl(base + "/"))
                // back where the browser was going after signing in, without a "?continue" marker in its address
                .requestCache(cache -> cache.requestCache(plainRequestCache()))
                .csrf(csrf -> csrf.spa())
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                        PathPatternRequestMatcher.withDefaults().matcher(base + "/api/**")))
                .build();
    }

    private static HttpSessionRequestCache plainRequestCache() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setMatchingRequestParameterName(null);
        return cache;
    }

    /** The dashboard's users: each customer with its API key as password, and the operator with the operator key. */
    @Bean
    UserDetailsService dashboardUsers(ApiKeys apiKeys, MsgsvcDashboardProperties dashboard) {
        List<UserDetails> users = new ArrayList<>();
        apiKeys.keyByCustomer()
                .forEach((customer, key) -> users.add(User.withUsername(customer)
                        .password("{noop}" + key)
                        .authorities(ApiKeyAuthenticationFilter.CUSTOMER)
                        .build()));
        apiKeys.operatorKey()
                .ifPresent(key -> users.add(User.withUsername(ApiKeys.OPERATOR)
                        .password("{noop}" + key)
                        .authorities(dashboard.operatorAuthority())
                        .build()));
        return new InMemoryUserDetailsManager(users);
    }
}
