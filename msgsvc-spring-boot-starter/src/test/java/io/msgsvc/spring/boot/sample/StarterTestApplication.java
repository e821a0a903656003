package io.msgsvc.spring.boot.sample;

import static org.springframework.security.config.Customizer.withDefaults;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * An application with nothing of msgsvc's but the starter on its class path: Spring Boot's embedded DataSource (H2 in
 * memory), its transactions, actuator, and the one bean msgsvc needs from it, the channel. For the dashboard, the
 * README's minimal Spring Security chain with one user, {@code shop} (password {@code shop-pw}), whose name is the
 * customer id {@link OrderService} registers under.
 */
@SpringBootApplication
public class StarterTestApplication {
    public static final String USER = OrderService.CUSTOMER;
    public static final String PASSWORD = "shop-pw";

    @Bean
    RecordingChannel smsChannel() {
        return new RecordingChannel();
    }

    /** The dashboard for signed-in users, by form (browsers) or HTTP Basic (scripts); the rest open. */
    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/msgsvc/**")
                        .authenticated()
                        .anyRequest()
                        .permitAll())
                .formLogin(withDefaults())
                .httpBasic(withDefaults())
                .csrf(csrf -> csrf.spa());
        return http.build();
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(
                User.withUsername(USER).password("{noop}" + PASSWORD).build());
    }
}
