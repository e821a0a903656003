package io.msgsvc.spring.boot.dashboard.sample;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@link DashboardTestApplication} on a random port with the dashboard and its actions on, prices in EUR, and
 * messages over 40 characters rejected; one application for every test class that uses it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        classes = DashboardTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "msgsvc.jdbc.migrate=true",
            "msgsvc.poll-interval=100ms",
            "msgsvc.content.max-length=40",
            "msgsvc.dashboard.enabled=true",
            "msgsvc.dashboard.currency=EUR",
            "msgsvc.dashboard.actions-enabled=true"
        })
@interface RunningDashboardApp {}
