package io.msgsvc.examples.web;

import io.msgsvc.RecipientPolicy;
import io.msgsvc.spring.boot.MsgsvcBuilderCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Phone numbers written without a country code are read in {@code example.phone-region} (default {@code KR}) when
 * the opt-out lists are matched, so {@code 010-1234-5678} and {@code +82 10 1234 5678} are one recipient.
 */
@Configuration(proxyBeanMethods = false)
class OptOutConfiguration {
    @Bean
    MsgsvcBuilderCustomizer phoneRegion(@Value("${example.phone-region:KR}") String region) {
        return builder -> builder.recipientPolicy(RecipientPolicy.defaults().withDefaultRegion(region));
    }
}
