package io.msgsvc.spring.boot.sample;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * An application with nothing of msgsvc's but the starter on its class path: Spring Boot's DataSource (H2 in memory),
 * its transactions, actuator's health, and the one bean msgsvc needs from it, the channel.
 */
@SpringBootApplication
public class StarterTestApplication {

    @Bean
    RecordingChannel smsChannel() {
        return new RecordingChannel();
    }
}
