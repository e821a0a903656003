package io.msgsvc.spring.boot.dashboard.sample;

import static org.springframework.security.config.Customizer.withDefaults;

import io.msgsvc.api.Pricing;
import java.math.BigDecimal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A web application with nothing of msgsvc's but the starter: Spring Boot's DataSource (H2 in memory), Spring MVC,
 * Spring Security with its own users, a channel and a price. The customers {@code acme} and {@code globex} sign in
 * with their names; {@code ops} has the operator authority. {@code test.dashboard.open=true} leaves the dashboard's
 * path open in the filter chain, to show that the dashboard still refuses a request without a user.
 */
@SpringBootApplication
public class DashboardTestApplication {
    public static final BigDecimal PRICE = new BigDecimal("0.05");

    @Bean
    ReportingChannel smsChannel() {
        return new ReportingChannel();
    }

    @Bean
    Pricing pricing() {
        return Pricing.flat(PRICE);
    }

    /**
     * The README's minimal chain: the dashboard for signed-in users, by form (browsers) or HTTP Basic (scripts), and
     * CSRF tokens as the page sends them.
     */
    @Bean
    SecurityFilterChain security(HttpSecurity http, @Value("${test.dashboard.open:false}") boolean open)
            throws Exception {
        http.authorizeHttpRequests(requests -> {
                    if (!open) {
                        requests.requestMatchers("/msgsvc/**").authenticated();
                    }
                    requests.anyRequest().permitAll();
                })
                .formLogin(withDefaults())
                .httpBasic(withDefaults())
                // the token in a cookie the page reads and sends back as X-XSRF-TOKEN
                .csrf(csrf -> csrf.spa());
        return http.build();
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("acme").password("{noop}acme-pw").build(),
                User.withUsername("globex").password("{noop}globex-pw").build(),
                User.withUsername("ops")
                        .password("{noop}ops-pw")
                        .authorities("MSGSVC_OPERATOR")
                        .build());
    }
}
