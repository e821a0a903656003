package io.msgsvc.examples.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.msgsvc.examples.web.ApiClient.Reply;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Recipients with template variables in the REST API: both JSON forms, and problems naming recipient and variable. */
@RunningExample
class TemplatesApiTest {
    @LocalServerPort
    int port;

    ApiClient acme;

    @BeforeEach
    void client() {
        acme = new ApiClient(port, "acme-key");
    }

    @Test
    void recipientsAreStringsOrObjectsWithVariablesAndEachKeepsItsOwn() {
        // short texts: the example's content policy allows 10 characters
        Reply created = acme.post("/api/reservations", """
                {"text": "#{n}님 #{c}", "recipients": [
                  {"to": "+100", "variables": {"n": "김민수", "c": "A1"}},
                  {"to": "+200", "variables": {"n": "Lee", "c": "B2", "unused": ""}}]}""");
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String id = created.body().get("id").asText();

        JsonNode deliveries = awaitCompleted(id).get("deliveries");
        assertThat(deliveries.get(0).get("recipient").asText()).isEqualTo("+100");
        assertThat(deliveries.get(0).get("variables").get("n").asText()).isEqualTo("김민수");
        assertThat(deliveries.get(1).get("variables").get("c").asText()).isEqualTo("B2");
        assertThat(deliveries.get(1).get("variables").get("unused").asText()).isEmpty();

        Reply mixed = acme.post("/api/reservations", """
                {"text": "Sale", "recipients": ["+300", {"to": "+400"}, {"to": "+500", "variables": {}}]}""");
        assertThat(mixed.status()).as(mixed.raw().body()).isEqualTo(201);
        JsonNode plain = awaitCompleted(mixed.body().get("id").asText()).get("deliveries");
        assertThat(plain.size()).isEqualTo(3);
        assertThat(plain.get(2).get("recipient").asText()).isEqualTo("+500");
        assertThat(plain.get(0).get("variables").isNull())
                .as("sent as written: none stored")
                .isTrue();
    }

    @Test
    void aMissingOrIllTypedVariableIsAProblemNamingTheRecipientAndTheVariable() {
        assertProblem(greeting("""
                [{"to": "+1", "variables": {"name": "Kim"}}, "+2"]"""), "recipients[1].variables.name");
        assertProblem(greeting("""
                [{"to": "+1", "variables": {"nam": "Kim"}}]"""), "recipients[0].variables.name");
        assertProblem(greeting("""
                [{"to": "+1", "variables": {"name": null}}]"""), "recipients[0].variables.name");
        assertProblem(greeting("""
                [{"to": "+1", "variables": {"name": 7}}]"""), "recipients[0].variables.name");
        assertProblem(greeting("""
                [{"variables": {}}]"""), "recipients[0]");
        assertProblem(greeting("""
                [{"to": "+1", "vars": {}}]"""), "recipients[0].vars");
        assertProblem(acme.post("/api/reservations", """
                {"text": "Hi #{name", "recipients": ["+1"]}"""), "text");
    }

    /** A reservation of the text "Hi #{name}" to {@code recipients} (JSON). */
    private Reply greeting(String recipients) {
        return acme.post("/api/reservations", "{\"text\": \"Hi #{name}\", \"recipients\": " + recipients + "}");
    }

    private JsonNode awaitCompleted(String id) {
        return await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> acme.get("/api/reservations/" + id).body(),
                        details -> details.get("reservation")
                                .get("status")
                                .asText()
                                .equals("COMPLETED"));
    }

    private static void assertProblem(Reply reply, String field) {
        assertThat(reply.status()).as("status of %s", reply.raw().body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body().get("field"))
                .as("field of %s", reply.raw().body())
                .isNotNull();
        assertThat(reply.body().get("field").asText()).isEqualTo(field);
    }
}
