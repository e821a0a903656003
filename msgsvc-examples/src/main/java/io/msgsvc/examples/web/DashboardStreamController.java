package io.msgsvc.examples.web;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The live feed of the dashboard page: {@code GET /api/dashboard/stream?apiKey=...}. */
@RestController
class DashboardStreamController {
    private final DashboardBroadcaster broadcaster;

    DashboardStreamController(DashboardBroadcaster broadcaster) {
        this.broadcaster = broadcaster;
    }

    @GetMapping(path = WebConfiguration.DASHBOARD_STREAM, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@RequestAttribute(ApiKeyInterceptor.CUSTOMER_ID) String customerId) {
        return broadcaster.open(customerId);
    }
}
