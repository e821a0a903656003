package io.msgsvc.spring.boot;

import io.msgsvc.Msgsvc;
import io.msgsvc.spi.Storage;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code msgsvc} health indicator, when Spring Boot's health support is on the class path (it comes with
 * spring-boot-starter-actuator) and an engine exists; {@code management.health.msgsvc.enabled=false} leaves it out.
 */
@AutoConfiguration(after = MsgsvcAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean({Msgsvc.class, Storage.class})
@ConditionalOnEnabledHealthIndicator("msgsvc")
public class MsgsvcHealthAutoConfiguration {

    /**
     * Named so that it shows as {@code msgsvc} in the health endpoint.
     *
     * @param msgsvc  the engine
     * @param storage its storage
     * @return the indicator
     */
    @Bean
    @ConditionalOnMissingBean(name = "msgsvcHealthIndicator")
    public MsgsvcHealthIndicator msgsvcHealthIndicator(Msgsvc msgsvc, Storage storage) {
        return new MsgsvcHealthIndicator(msgsvc, storage);
    }
}
