package io.msgsvc.examples.web;

import io.msgsvc.spring.boot.dashboard.MsgsvcDashboardProperties;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The application's front door leads to the starter's dashboard (which asks whoever is not signed in to sign in). */
@RestController
class HomeController {
    private final URI dashboard;

    HomeController(MsgsvcDashboardProperties properties) {
        this.dashboard = URI.create(properties.basePath() + "/");
    }

    @GetMapping("/")
    ResponseEntity<Void> home() {
        return ResponseEntity.status(HttpStatus.FOUND).location(dashboard).build();
    }
}
