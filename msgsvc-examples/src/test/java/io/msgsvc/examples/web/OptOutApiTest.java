package io.msgsvc.examples.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.msgsvc.examples.web.ApiClient.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The customer's opt-out list over the REST API: add, import, list, remove, refusals, and a skipped recipient. */
@RunningExample
class OptOutApiTest {
    @LocalServerPort
    int port;

    ApiClient stark;
    ApiClient globex;

    @BeforeEach
    void clients() {
        stark = new ApiClient(port, "stark-key");
        globex = new ApiClient(port, "globex-key");
    }

    @Test
    void aCustomersOptOutsAreAddedImportedListedAndRemovedAndItsRecipientIsSkipped() {
        Reply added = stark.post("/api/opt-outs", """
                {"address": "010-5555-0001", "scope": "all", "reason": "asked by phone"}""");
        assertThat(added.status()).as(added.raw().body()).isEqualTo(201);
        assertThat(added.body().get("address").asText()).isEqualTo("+821055550001"); // the example reads KR numbers
        assertThat(added.body().get("scope").asText()).isEqualTo("all");

        Reply imported = stark.post("/api/opt-outs/import", """
                {"optOuts": [{"address": "+82 10 5555 0002", "scope": "advertising"}, {"address": "Ann@Example.com"}]}""");
        assertThat(imported.status()).as(imported.raw().body()).isEqualTo(200);
        assertThat(imported.body().get("imported").asInt()).isEqualTo(2);

        Reply page = stark.get("/api/opt-outs?size=2");
        assertThat(page.body().get("totalItems").asInt()).isEqualTo(3);
        assertThat(items(page.body()))
                .extracting(o -> o.get("address").asText())
                .containsExactly("+821055550001", "+821055550002");
        assertThat(globex.get("/api/opt-outs").body().get("totalItems").asInt()).isZero(); // one customer's list

        // refused whole, naming the entry at fault: nothing stored
        assertProblem(stark.post("/api/opt-outs/import", """
                {"optOuts": [{"address": "+82 10 5555 0003"}, {"address": " "}]}"""), "optOuts[1].address");
        assertProblem(stark.post("/api/opt-outs", """
                {"address": "+82 10 5555 0003", "scope": "spam"}"""), "scope");
        assertThat(stark.get("/api/opt-outs").body().get("totalItems").asInt()).isEqualTo(3);

        Reply reserved = stark.post("/api/reservations", """
                {"text": "Hello", "recipients": ["+82 10 5555 0001", "010-5555-0002", "010-5555-0009"]}""");
        String id = reserved.body().get("id").asText();
        JsonNode details = await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> stark.get("/api/reservations/" + id).body(),
                        d -> d.get("reservation").get("status").asText().equals("COMPLETED"));
        assertThat(items(details.get("deliveries")))
                .extracting(d -> d.get("state").asText())
                .containsExactly("SKIPPED", "DELIVERED", "DELIVERED"); // an informational message: only "all" stops it
        assertThat(details.get("deliveries").get(0).get("detail").asText()).isEqualTo("opt-out (all): asked by phone");

        assertThat(stark.delete("/api/opt-outs/%2B82%2010%205555%200001").status())
                .isEqualTo(204);
        assertThat(stark.delete("/api/opt-outs/010-5555-0001").status()).isEqualTo(404);
        assertThat(stark.get("/api/opt-outs").body().get("totalItems").asInt()).isEqualTo(2);
    }

    private static void assertProblem(Reply reply, String field) {
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body().get("field").asText()).isEqualTo(field);
    }

    private static List<JsonNode> items(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        (node.has("items") ? node.get("items") : node).forEach(items::add);
        return items;
    }
}
