package io.msgsvc.spring.boot.dashboard.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgsvc.Msgsvc;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationRequest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The live stream over real HTTP: a new reservation's row arrives without asking, and only to who may see it. */
@RunningDashboardApp
class DashboardStreamTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    Msgsvc msgsvc;

    @Test
    void aNewReservationsRowArrivesOnTheStreamOfItsCustomerOnly() throws Exception {
        try (EventStream acme = EventStream.open(DashboardHttp.as(port, "acme", "acme-pw"), "");
                EventStream ops = EventStream.open(DashboardHttp.as(port, "ops", "ops-pw"), "?customerId=globex")) {
            assertThat(acme.contentType()).startsWith("text/event-stream");
            acme.awaitLine(line -> line.equals("event:ready"));
            ops.awaitLine(line -> line.equals("event:ready"));

            Reservation theirs = msgsvc.reserve(request("globex"));
            Reservation ours = msgsvc.reserve(request("acme"));

            String row = acme.awaitLine(
                    line -> line.startsWith("data:") && line.contains(ours.id().toString()));
            assertThat(row).contains("\"customerId\":\"acme\"").contains("\"total\":1");
            assertThat(acme.seen()).noneMatch(line -> line.contains(theirs.id().toString()));
            ops.awaitLine(line ->
                    line.startsWith("data:") && line.contains(theirs.id().toString()));
            assertThat(ops.seen()).noneMatch(line -> line.contains(ours.id().toString()));
        }
    }

    /** The host's chain answers: here it sends a browser to its login form. */
    @Test
    void aStreamWithoutAUserIsRefused() throws Exception {
        HttpResponse<String> refused = DashboardHttp.client()
                .send(
                        DashboardHttp.anonymous(port)
                                .request("/msgsvc/api/stream")
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/login"));
        assertThat(refused.body()).doesNotContain("event:");
    }

    /** Read as every other endpoint reads it, although the stream asks the engine nothing. */
    @Test
    void aStreamOfACustomerIdTheEngineWouldRefuseIsRefused() throws Exception {
        for (String customerId : List.of("%20x", "x%20", "%20")) {
            HttpResponse<java.io.InputStream> refused = DashboardHttp.client()
                    .send(
                            DashboardHttp.as(port, "ops", "ops-pw")
                                    .request("/msgsvc/api/stream?customerId=" + customerId)
                                    .header("Accept", "text/event-stream, application/problem+json")
                                    .build(),
                            HttpResponse.BodyHandlers.ofInputStream());
            String body;
            try (java.io.InputStream in = refused.body()) { // an open stream's body would never end
                assertThat(refused.statusCode()).as(customerId).isEqualTo(400);
                body = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(body).contains("\"field\":\"customerId\"").doesNotContain("event:");
        }
    }

    private static ReservationRequest request(String customer) {
        return ReservationRequest.builder()
                .customerId(customer)
                .text("Live " + customer)
                .recipients("+1")
                .sendAt(Instant.now().plus(Duration.ofHours(1)))
                .build();
    }

    /** An SSE response read line by line as it arrives, on the HTTP client's own threads. */
    static final class EventStream implements AutoCloseable {
        private final HttpResponse<Stream<String>> response;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();
        private final Thread reader;

        private EventStream(HttpResponse<Stream<String>> response) {
            this.response = response;
            this.reader = new Thread(() -> response.body().forEach(lines::add), "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static EventStream open(DashboardHttp user, String query) throws Exception {
            HttpRequest request = user.request("/msgsvc/api/stream" + query)
                    .timeout(Duration.ofMinutes(2))
                    .header("Accept", "text/event-stream")
                    .build();
            HttpResponse<Stream<String>> response =
                    DashboardHttp.client().send(request, HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            return new EventStream(response);
        }

        String contentType() {
            return response.headers().firstValue("Content-Type").orElse("");
        }

        String awaitLine(java.util.function.Predicate<String> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (true) {
                String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError("no such line within " + PATIENCE + "; seen: " + seen);
                }
                seen.add(line);
                if (wanted.test(line)) {
                    return line;
                }
            }
        }

        List<String> seen() {
            lines.drainTo(seen);
            return seen;
        }

        @Override
        public void close() {
            response.body().close();
            reader.interrupt();
        }
    }
}
