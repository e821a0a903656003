package io.msgsvc.examples.web;

import io.msgsvc.spring.boot.MsgsvcProperties;
import java.util.Locale;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says where the dashboard is once the application is ready, and (where the demo's keys may be printed) who can sign
 * in to it: each customer with its API key as password.
 */
@Component
class StartupAnnouncement {
    private static final Logger log = LoggerFactory.getLogger(StartupAnnouncement.class);

    private final ExampleProperties properties;
    private final MsgsvcProperties engine;
    private final DataSourceProperties dataSource;
    private final ApiKeys apiKeys;

    StartupAnnouncement(
            ExampleProperties properties, MsgsvcProperties engine, DataSourceProperties dataSource, ApiKeys apiKeys) {
        this.properties = properties;
        this.engine = engine;
        this.dataSource = dataSource;
        this.apiKeys = apiKeys;
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        int port = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort()
                : -1;
        String transport = engine.transport().name().toLowerCase(Locale.ROOT).replace('_', '-');
        log.info(
                "msgsvc dashboard ready: open http://localhost:{}/ and sign in with a customer id and its API key"
                        + " (storage {}, {} events)",
                port,
                dataSource.getUrl(),
                transport);
        if (properties.printApiKeys()) {
            new TreeMap<>(apiKeys.keyByCustomer())
                    .forEach((customer, key) -> log.info(
                            "API key of customer {}: {} (on the dashboard: user {}, password {})",
                            customer,
                            key,
                            customer,
                            key));
        }
    }
}
