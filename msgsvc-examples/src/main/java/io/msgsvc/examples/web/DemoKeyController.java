package io.msgsvc.examples.web;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo customer's key, for the page to fill in: only where {@code example.demo-key} is set (the demo profile).
 * Anywhere else the page starts empty and asks for a key.
 */
@RestController
@ConditionalOnProperty("example.demo-key")
class DemoKeyController {
    private final String demoKey;

    DemoKeyController(ExampleProperties properties) {
        this.demoKey = properties.demoKey();
    }

    @GetMapping(path = "/demo.json", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, String> demo() {
        return Map.of("apiKey", demoKey);
    }
}
