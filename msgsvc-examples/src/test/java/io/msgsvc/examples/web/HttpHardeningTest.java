package io.msgsvc.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgsvc.examples.web.ApiClient.Reply;
import io.msgsvc.examples.web.RawHttp.Answer;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests the API cannot or must not take: every one is answered with problem+json naming what is wrong, and none
 * changes anything. Acts as its own customer, whose listing must stay as the accepted requests left it.
 */
@RunningExample
class HttpHardeningTest {
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String VALID = """
            {"text": "Hi", "recipients": ["+1"], "sendAt": "%s"}""";

    @LocalServerPort
    int port;

    ApiClient wayne;

    @BeforeEach
    void client() {
        wayne = new ApiClient(port, "wayne-key");
    }

    private long stored() {
        return wayne.get("/api/reservations?size=1").body().get("totalItems").asLong();
    }

    private static String later() {
        return VALID.formatted(Instant.now().plusSeconds(3600));
    }

    private Reply post(String body, Map<String, String> headers) {
        var request = wayne.request("/api/reservations").POST(BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return ApiClient.send(request);
    }

    private static void assertProblem(Reply reply, int status, String field) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith(PROBLEM_JSON);
        assertThat(reply.body().get("field").asText()).isEqualTo(field);
    }

    private static void assertProblem(Answer answer, int status, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith(PROBLEM_JSON);
        assertThat(answer.json().get("field").asText()).isEqualTo(field);
        assertThat(answer.body()).doesNotContainIgnoringCase("exception").doesNotContain("tomcat", "<html");
    }

    @ParameterizedTest
    @CsvSource({"application/xml", "text/html", "image/png"})
    void aRegistrationWhoseAnswerCannotBeGivenAsAskedIsRefusedBeforeAnythingIsStored(String accept) {
        long before = stored();

        Reply refused = post(later(), Map.of("Content-Type", "application/json", "Accept", accept));

        assertProblem(refused, 406, "Accept");
        assertThat(stored()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void aCancelWhoseAnswerCannotBeGivenAsAskedCancelsNothing() {
        String id = post(later(), Map.of("Content-Type", "application/json"))
                .body()
                .get("id")
                .asText();

        var cancel = wayne.request("/api/reservations/" + id + "/cancel")
                .header("Accept", "application/xml")
                .POST(BodyPublishers.noBody());
        assertProblem(ApiClient.send(cancel), 406, "Accept");

        assertThat(wayne.get("/api/reservations/" + id)
                        .body()
                        .get("reservation")
                        .get("status")
                        .asText())
                .isEqualTo("SCHEDULED");
    }

    @ParameterizedTest
    @CsvSource({"*/*", "application/*", "text/plain", "garbage"})
    void aBodyOfNoConcreteOrAnUnsupportedMediaTypeIs415(String contentType) {
        long before = stored();

        assertProblem(post(later(), Map.of("Content-Type", contentType)), 415, "Content-Type");
        assertThat(stored()).isEqualTo(before);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"text\": \"Hi\", \"recipients\": [\"+1\"], \"sendAt\": 1893456000}|sendAt",
                "{\"text\": \"Hi\", \"recipients\": [\"+1\"], \"sendAt\": \"\"}|sendAt",
                "{\"text\": \"Hi\", \"recipients\": [\"+1\"], \"sendAt\": \"tomorrow\"}|sendAt",
                "{\"text\": 42, \"recipients\": [\"+1\"]}|text",
                "{\"text\": \"Hi\", \"subject\": true, \"recipients\": [\"+1\"]}|subject",
                "{\"text\": \"Hi\", \"recipients\": [\"+1\", 2]}|recipients[1]",
                "{\"text\": \"Hi\", \"recipients\": \"+1\"}|recipients",
                "{\"text\": \"Hi\", \"recipients\": [\"+1\"], \"sendat\": \"2030-01-01T00:00:00Z\"}|sendat",
                "{\"text\": \"Hi\", \"text\": \"Ho\", \"recipients\": [\"+1\"]}|text",
                "{\"text\": \"Hi\", \"recipients\": [\"+1\"]} trailing|body",
                "{\"text\": \"Hi\", \"recipients\": [\"+1\"]|body",
                "[]|body"
            })
    void bodiesAreReadStrictlyAndEveryRefusalNamesItsField(String body, String field) {
        long before = stored();

        assertProblem(post(body, Map.of("Content-Type", "application/json")), 400, field);
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void theIdempotencyKeyIsNamedAsTheHeaderItCameIn() {
        Reply refused = post(later(), Map.of("Content-Type", "application/json", "Idempotency-Key", "k".repeat(201)));

        assertProblem(refused, 400, "Idempotency-Key");
        assertThat(refused.body().get("detail").asText()).startsWith("Idempotency-Key: ");
    }

    @Test
    void theLocationOfANewReservationDoesNotComeFromTheHostHeader() throws IOException {
        String body = later();
        Answer created = RawHttp.send(
                port,
                "POST /api/reservations HTTP/1.1\r\nHost: evil.example\r\nX-Api-Key: wayne-key\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n",
                body);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).doesNotContain("evil.example");
    }

    @Test
    void theErrorPageAskedForDirectlyIsAnUnknownPath() {
        Reply reply = new ApiClient(port, null).get("/error");

        assertProblem(reply, 404, "path");
    }

    @Test
    void requestsTomcatRefusesItselfAreAnsweredAsProblems() throws IOException {
        assertProblem(RawHttp.send(port, "GET /api/reservations/%zz HTTP/1.1\r\nHost: localhost\r\n"), 400, "path");
        assertProblem(RawHttp.send(port, "GET /api/%00 HTTP/1.1\r\nHost: localhost\r\n"), 400, "path");
        assertProblem(
                RawHttp.send(
                        port,
                        "GET /api/reservations HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "x".repeat(20_000) + "\r\n"),
                431,
                "headers");
    }

    @Test
    void aQueryStringThatIsNotUtf8IsRefusedNamingItsParameter() throws IOException {
        Answer answer = RawHttp.send(
                port,
                "GET /api/reservations?page=%ff%fe&size=1 HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: wayne-key\r\n");

        assertProblem(answer, 400, "page");
    }

    @Test
    void unknownPathsAndMethodsNameWhatIsWrong() {
        assertProblem(wayne.get("/api/nothing-here"), 404, "path");
        assertProblem(wayne.delete("/api/reservations"), 405, "method");
        assertProblem(wayne.get("/api/reservations/" + UUID.randomUUID()), 404, "reservationId");
        assertProblem(new ApiClient(port, "no-such-key").get("/api/reservations"), 401, "X-Api-Key");
    }

    @Test
    void noPageHandsOutAKey() {
        Reply demo = new ApiClient(port, null).get("/demo.json");

        assertThat(demo.status()).isEqualTo(404);
        assertThat(new ApiClient(port, null).get("/").raw().body()).doesNotContain("acme-key");
        assertThat(new ApiClient(port, null).get("/login").raw().body()).doesNotContain("acme-key");
    }
}
