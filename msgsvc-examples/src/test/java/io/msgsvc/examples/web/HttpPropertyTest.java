package io.msgsvc.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.msgsvc.examples.web.RawHttp.Answer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Generated requests, odd and bad, against the running application (a database of its own, customer {@code fuzz}):
 * no answer is a server error, every refusal is problem+json naming a field and carries no internals, and the
 * customer's listing is always exactly the reservations the API said it accepted, cancelled only where a cancel was
 * answered with success. Requests are written byte for byte, so malformed paths, encodings and bodies get through.
 */
class HttpPropertyTest {
    private static final String KEY = "fuzz-key";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String JSON = "application/json";
    private static final Target OWN = new Target(0, "");
    /** What an answer must never show: class and package names, stack frames, the server's directories. */
    private static final List<String> INTERNALS = List.of(
            "Exception",
            "io.msgsvc.",
            "java.",
            "org.springframework",
            "com.fasterxml",
            "org.apache",
            "\tat ",
            System.getProperty("user.dir"));

    private static ConfigurableApplicationContext app;
    private static int port;
    private static ApiClient fuzz;
    /** Reservation ids the API answered with success, in the order it did. */
    private static final List<String> accepted = new ArrayList<>();
    /** Reservations a cancel was answered with success for. */
    private static final Set<String> cancelled = new HashSet<>();

    private static final SortedMap<Integer, Integer> answers = new TreeMap<>();

    @BeforeContainer
    static void startTheApplication() {
        app = new SpringApplicationBuilder(DashboardApplication.class)
                .profiles("test")
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=jdbc:h2:mem:msgsvc-http-property;DB_CLOSE_DELAY=-1",
                        "--spring.main.banner-mode=off",
                        // a warning per refused method would bury the figures
                        "--logging.level.org.springframework.web.servlet.PageNotFound=error");
        port = ((WebServerApplicationContext) app).getWebServer().getPort();
        fuzz = new ApiClient(port, KEY);
    }

    @AfterContainer
    static void stopTheApplication() {
        int requests = answers.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf(
                "HTTP property test: %d requests, answers by status %s; %d reservations accepted, %d cancelled%n",
                requests, answers, accepted.size(), cancelled.size());
        if (app != null) {
            app.close();
        }
    }

    @Property(tries = 600, shrinking = ShrinkingMode.OFF)
    void noRequestBreaksTheApiOrChangesWhatItRefuses(@ForAll("requests") Request request) throws IOException {
        String path = request.path().replace("{id}", request.target().resolve(accepted));
        Answer answer = RawHttp.send(port, request.head(path), request.body());
        answers.merge(answer.status(), 1, Integer::sum);

        assertThat(answer.status()).as("status of %s", request).isLessThan(500);
        if (answer.status() >= 400 && !request.method().equals("HEAD")) {
            assertThat(answer.contentType()).as("refusal of %s", request).startsWith(PROBLEM_JSON);
            JsonNode problem = answer.json();
            assertThat(problem.path("status").asInt()).isEqualTo(answer.status());
            assertThat(problem.path("field").asText())
                    .as("field of %s", answer.body())
                    .isNotBlank();
        }
        assertThat(answer.body()).as("answer to %s", request).doesNotContain(INTERNALS);

        if (answer.status() / 100 == 2) {
            record(request, path, answer);
        }
        assertTheListingIsWhatWasAccepted();
    }

    private static void record(Request request, String path, Answer answer) {
        // what the server routes on: the path without query and path parameters (";jsessionid=...")
        String resource = path.replaceAll("[?;].*", "");
        // HTTP drops white space around a header value: "fuzz-key\t" is the fuzz customer's key too
        boolean ownReservation = request.apiKey().map(String::strip).equals(Optional.of(KEY));
        if (request.method().equals("POST") && resource.equals("/api/reservations") && ownReservation) {
            String id = answer.json().get("id").asText();
            if (!accepted.contains(id)) {
                accepted.add(id);
            }
        }
        boolean cancel = (request.method().equals("POST") && resource.endsWith("/cancel"))
                || (request.method().equals("DELETE") && resource.startsWith("/api/reservations/"));
        if (cancel && ownReservation) {
            cancelled.add(answer.json().get("reservationId").asText());
        }
    }

    private static void assertTheListingIsWhatWasAccepted() {
        List<String> listed = new ArrayList<>();
        List<String> listedCancelled = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode listing =
                    fuzz.get("/api/reservations?size=200&page=" + page).body();
            for (JsonNode item : listing.get("items")) {
                listed.add(item.get("id").asText());
                if (item.get("status").asText().equals("CANCELLED")) {
                    listedCancelled.add(item.get("id").asText());
                }
            }
            if (page + 1 >= listing.get("totalPages").asLong()) {
                break;
            }
        }
        assertThat(listed).as("the customer's reservations").containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(cancelled)
                .as("reservations cancelled by a successful cancel")
                .containsAll(listedCancelled);
    }

    /** One request; {@code {id}} in the path stands for a reservation id chosen when it is sent. */
    record Request(
            String method,
            String path,
            Target target,
            Optional<String> apiKey,
            Optional<String> contentType,
            Optional<String> accept,
            Optional<String> idempotencyKey,
            Optional<byte[]> rawBody) {

        String head(String resolvedPath) {
            StringBuilder head = new StringBuilder(method + " " + resolvedPath + " HTTP/1.1\r\nHost: localhost\r\n");
            apiKey.ifPresent(key -> head.append("X-Api-Key: ").append(key).append("\r\n"));
            contentType.ifPresent(
                    type -> head.append("Content-Type: ").append(type).append("\r\n"));
            accept.ifPresent(type -> head.append("Accept: ").append(type).append("\r\n"));
            idempotencyKey.ifPresent(
                    key -> head.append("Idempotency-Key: ").append(key).append("\r\n"));
            rawBody.ifPresent(bytes ->
                    head.append("Content-Length: ").append(bytes.length).append("\r\n"));
            return head.toString();
        }

        byte[] body() {
            return rawBody.orElse(new byte[0]);
        }

        @Override
        public String toString() {
            String body = rawBody.map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                    .orElse("");
            return "%s %s (id %s) key=%s type=%s accept=%s idem=%s body=%s"
                    .formatted(method, path, target, apiKey, contentType, accept, idempotencyKey, body);
        }
    }

    /** Which id a path names: one of the customer's own ({@code other} empty), or {@code other}. */
    record Target(int pick, String other) {
        String resolve(List<String> own) {
            if (!other.isEmpty()) {
                return other;
            }
            return own.isEmpty() ? UUID.randomUUID().toString() : own.get(pick % own.size());
        }
    }

    /**
     * A third of the requests are registrations as a client would write them, most with one thing wrong; a sixth act
     * on the customer's own reservations; the rest are anything, anywhere.
     */
    @Provide
    Arbitrary<Request> requests() {
        Arbitrary<Request> registrations = Combinators.combine(
                        Arbitraries.frequency(Tuple.of(20, "POST"), Tuple.of(1, "PUT")),
                        Arbitraries.just("/api/reservations"),
                        Arbitraries.just(OWN),
                        Arbitraries.frequency(Tuple.of(20, KEY), Tuple.of(1, "wrong-key"))
                                .map(Optional::of),
                        Arbitraries.frequency(Tuple.of(20, JSON), Tuple.of(1, "text/plain"))
                                .optional(0.95),
                        Arbitraries.frequency(Tuple.of(10, JSON), Tuple.of(3, "*/*"), Tuple.of(1, "text/html"))
                                .optional(0.7),
                        Arbitraries.of("k-1", "k-2", "k-3", "k-4", "", "k".repeat(300))
                                .optional(0.3),
                        bodies().optional(0.97))
                .as(Request::new);
        Arbitrary<Request> ownActions = Combinators.combine(
                        Arbitraries.of("POST", "DELETE", "GET"),
                        Arbitraries.of("/api/reservations/{id}/cancel", "/api/reservations/{id}"),
                        Combinators.combine(Arbitraries.integers().between(0, 1000), Arbitraries.just(""))
                                .as(Target::new),
                        Arbitraries.just(Optional.of(KEY)),
                        Arbitraries.just(Optional.<String>empty()),
                        Arbitraries.of(JSON, "*/*", "application/xml").optional(0.5),
                        Arbitraries.just(Optional.<String>empty()),
                        Arbitraries.just(Optional.<byte[]>empty()))
                .as(Request::new);
        return Arbitraries.frequencyOf(Tuple.of(2, registrations), Tuple.of(1, ownActions), Tuple.of(3, anything()));
    }

    private static Arbitrary<Request> anything() {
        Arbitrary<String> method = Arbitraries.frequency(
                Tuple.of(6, "POST"),
                Tuple.of(4, "GET"),
                Tuple.of(2, "DELETE"),
                Tuple.of(1, "PUT"),
                Tuple.of(1, "PATCH"),
                Tuple.of(1, "HEAD"),
                Tuple.of(1, "OPTIONS"),
                Tuple.of(1, "TRACE"),
                Tuple.of(1, "BREW"));
        Arbitrary<Target> target = Combinators.combine(
                        Arbitraries.integers().between(0, 1000),
                        Arbitraries.frequency(
                                Tuple.of(6, ""),
                                Tuple.of(1, UUID.randomUUID().toString()),
                                Tuple.of(1, "not-an-id"),
                                Tuple.of(1, "%00"),
                                Tuple.of(1, "%zz"),
                                Tuple.of(1, "%C3"),
                                Tuple.of(1, "a%2Fb"),
                                Tuple.of(1, ".."),
                                Tuple.of(1, "x".repeat(3000))))
                .as(Target::new);
        return Combinators.combine(
                        method,
                        paths(),
                        target,
                        Arbitraries.of(KEY, KEY, KEY, "", "wrong-key", "acme-key-", "fuzz-key\t")
                                .optional(0.85),
                        Arbitraries.of(
                                        JSON,
                                        "application/json; charset=UTF-8",
                                        "application/json; charset=ISO-8859-1",
                                        "text/plain",
                                        "*/*",
                                        "application/*",
                                        "application/xml",
                                        "",
                                        "json")
                                .optional(0.85),
                        Arbitraries.of(
                                        JSON,
                                        "*/*",
                                        "application/problem+json",
                                        "application/xml",
                                        "text/html",
                                        "application/json;q=0",
                                        "image/*")
                                .optional(0.85),
                        Arbitraries.of("k-1", "k-2", "", " ", "k".repeat(300), "key with spaces")
                                .optional(0.3),
                        bodies().optional(0.6))
                .as(Request::new);
    }

    private static Arbitrary<String> paths() {
        Arbitrary<String> number = Arbitraries.of("0", "1", "2", "-1", "1000", "1001", "abc", "", "99999999999", "1.5");
        Arbitrary<String> instant = Arbitraries.of(
                "2026-01-01T00:00:00Z", "2099-01-01T00:00:00Z", "yesterday", "", "1700000000", "%E2%82%AC", "%FF");
        return Arbitraries.oneOf(
                Arbitraries.frequency(
                        Tuple.of(8, "/api/reservations"),
                        Tuple.of(4, "/api/reservations/{id}"),
                        Tuple.of(4, "/api/reservations/{id}/cancel"),
                        Tuple.of(1, "/api/billing"),
                        Tuple.of(1, "/api/statistics"),
                        Tuple.of(1, "/api/reservations/"),
                        Tuple.of(1, "/api/reservations//cancel"),
                        Tuple.of(1, "/api"),
                        Tuple.of(1, "/api/reservations;jsessionid=1"),
                        Tuple.of(1, "/error"),
                        Tuple.of(1, "/demo.json"),
                        Tuple.of(1, "/actuator/health/liveness"),
                        Tuple.of(1, "/actuator/health"),
                        Tuple.of(1, "/actuator/metrics"),
                        Tuple.of(1, "/actuator/prometheus"),
                        Tuple.of(1, "/actuator/env"),
                        Tuple.of(1, "/nowhere"),
                        Tuple.of(1, "/api/%2e%2e/actuator/env")),
                Combinators.combine(number, number)
                        .as((page, size) -> "/api/reservations?page=" + page + "&size=" + size),
                Combinators.combine(instant, instant).as((from, to) -> "/api/statistics?from=" + from + "&to=" + to));
    }

    /** A body member: values a client may send, and values of the wrong kind ({@code ""} leaves the member out). */
    private record Member(String name, List<String> valid, List<String> odd) {
        String write(String value) {
            return value.isEmpty() ? "" : "\"" + name + "\":" + value;
        }
    }

    private static final List<Member> MEMBERS = List.of(
            new Member(
                    "text",
                    List.of("\"Hi\"", "\"Hello\"", "\"\\ud83d\\ude00 ok\"", "\"" + "t".repeat(40) + "\""),
                    List.of(
                            "",
                            "\"\"",
                            "\"   \"",
                            "\"a\\u0000b\"",
                            "\"\\ud800\"",
                            "\"\\udc00x\"",
                            "123",
                            "true",
                            "null",
                            "[]",
                            "{}")),
            new Member(
                    "recipients",
                    List.of(
                            "[\"+1\"]",
                            "[\"+1\",\"+2\",\"+3\"]",
                            "[{\"to\":\"+1\",\"variables\":{\"name\":\"Kim\"}},\"+2\"]"),
                    List.of(
                            "",
                            "[]",
                            "[{\"to\":1}]",
                            "[{\"variables\":{}}]",
                            "[{\"to\":\"+1\",\"variables\":{\"n\":1}}]",
                            "[{\"to\":\"+1\",\"variables\":[]}]",
                            "[{\"to\":\"+1\",\"x\":1}]",
                            "[\"\"]",
                            "[\"+1\",\"+1\"]",
                            "\"+1\"",
                            "[1]",
                            "null",
                            "[\"\\ud800\"]",
                            "[null]",
                            "{\"a\":1}")),
            new Member(
                    "sendAt",
                    List.of(
                            "",
                            "null",
                            "\"" + Instant.now().plusSeconds(86_400) + "\"",
                            "\"2020-01-01T00:00:00Z\"",
                            "\"2026-05-01T18:00:00+09:00\""),
                    List.of(
                            "\"\"",
                            "1700000000",
                            "1e30",
                            "-1",
                            "\"tomorrow\"",
                            "\"2026-13-45T00:00:00Z\"",
                            "\"+999999999-12-31T23:59:59Z\"",
                            "true",
                            "[]")),
            new Member("subject", List.of("", "\"s\"", "null"), List.of("5", "\"" + "s".repeat(500) + "\"", "{}")),
            new Member("extra", List.of(""), List.of("1", "\"x\"")));

    /**
     * Reservation bodies: valid ones, and valid ones with one member of the wrong kind, a repeated member, trailing
     * text, cut short, in another encoding, or not JSON at all.
     */
    private static Arbitrary<byte[]> bodies() {
        Arbitrary<List<Integer>> validPicks =
                Arbitraries.integers().between(0, 99).list().ofSize(MEMBERS.size());
        Arbitrary<String> json = Combinators.combine(
                        validPicks,
                        Arbitraries.integers().between(0, MEMBERS.size() * 2 - 1),
                        Arbitraries.integers().between(0, 99),
                        Arbitraries.integers().between(0, 15))
                .as(HttpPropertyTest::body);
        return Arbitraries.frequencyOf(
                Tuple.of(24, json.map(text -> text.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(
                        1,
                        Arbitraries.just(
                                "{\"text\":\"\u00e9\",\"recipients\":[\"+1\"]}".getBytes(StandardCharsets.ISO_8859_1))),
                Tuple.of(1, Arbitraries.just(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'})),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(40).map(text -> text.getBytes(StandardCharsets.UTF_8))));
    }

    /** Member {@code oddMember} (if it is one) gets a value of the wrong kind; {@code mangle} spoils a few more. */
    private static String body(List<Integer> validPicks, int oddMember, int oddPick, int mangle) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS.size(); i++) {
            Member member = MEMBERS.get(i);
            List<String> values = i == oddMember ? member.odd() : member.valid();
            String written = member.write(values.get((i == oddMember ? oddPick : validPicks.get(i)) % values.size()));
            if (!written.isEmpty()) {
                members.add(written);
            }
        }
        String object = "{" + String.join(",", members) + "}";
        return switch (mangle) {
            case 13 -> object.replaceFirst("\\{", "{\"text\":\"dup\",");
            case 14 -> object + "}}";
            case 15 -> object.substring(0, object.length() / 2);
            default -> object;
        };
    }
}
