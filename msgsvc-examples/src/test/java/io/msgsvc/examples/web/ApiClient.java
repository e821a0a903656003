package io.msgsvc.examples.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** A plain HTTP client for the example's API, acting for one customer (or none). */
final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final URI base;
    private final String apiKey;
    private final Map<String, String> headers;

    ApiClient(int port, String apiKey) {
        this(port, apiKey, Map.of());
    }

    ApiClient(int port, String apiKey, Map<String, String> headers) {
        this.base = URI.create("http://localhost:" + port);
        this.apiKey = apiKey;
        this.headers = Map.copyOf(headers);
    }

    /** The operator of the operations endpoints (the test profile's operator key). */
    static ApiClient operator(int port) {
        return new ApiClient(port, null, Map.of("X-Operator-Key", "test-operator-key"));
    }

    /** Status, content type and parsed body of one response. */
    record Reply(int status, String contentType, JsonNode body, HttpResponse<String> raw) {
        Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }
    }

    Reply get(String path) {
        return send(request(path).GET());
    }

    Reply post(String path, String json) {
        return post(path, BodyPublishers.ofString(json), null);
    }

    Reply post(String path, BodyPublisher body, String idempotencyKey) {
        HttpRequest.Builder request =
                request(path).header("Content-Type", "application/json").POST(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    Reply delete(String path) {
        return send(request(path).DELETE());
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        headers.forEach(request::header);
        return request;
    }

    static HttpClient http() {
        return HTTP;
    }

    static Reply send(HttpRequest.Builder request) {
        return send(HTTP, request);
    }

    static Reply send(HttpClient client, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode json = contentType.contains("json") ? JSON.readTree(response.body()) : null;
            return new Reply(response.statusCode(), contentType, json, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
