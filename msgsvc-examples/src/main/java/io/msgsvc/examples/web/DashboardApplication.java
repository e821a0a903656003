package io.msgsvc.examples.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The msgsvc engine behind a REST API and a live dashboard page. Runs on an H2 file database by default; set
 * {@code SPRING_DATASOURCE_URL} (and user, password) to use PostgreSQL.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DashboardApplication {

    public static void main(String[] args) {
        SpringApplication.run(DashboardApplication.class, args);
    }
}
