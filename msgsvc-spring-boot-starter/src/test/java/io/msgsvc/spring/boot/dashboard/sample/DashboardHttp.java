package io.msgsvc.spring.boot.dashboard.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/** Requests to the running application over real HTTP, as one user (HTTP Basic) or as nobody. */
final class DashboardHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final int port;
    private final String authorization;

    private DashboardHttp(int port, String authorization) {
        this.port = port;
        this.authorization = authorization;
    }

    static DashboardHttp as(int port, String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new DashboardHttp(port, "Basic " + token);
    }

    static DashboardHttp anonymous(int port) {
        return new DashboardHttp(port, null);
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    Reply get(String path) {
        return send(request(path).header("Accept", "application/json").GET());
    }

    /** A form POST as the page sends it: with the token of the XSRF-TOKEN cookie in the X-XSRF-TOKEN header. */
    Reply post(String path, String form) {
        String token = csrfToken();
        return send(request(path)
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "XSRF-TOKEN=" + token)
                .header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** A form POST from a page of another site, which cannot read the cookie and so sends no token. */
    Reply postWithoutCsrfToken(String path, String form) {
        return send(request(path)
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** Spring Security hands out the token as a cookie on any request its CSRF filter sees. */
    private String csrfToken() {
        Reply any = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/msgsvc/api/me"))
                .GET());
        return any.response().headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("XSRF-TOKEN="))
                .map(cookie -> cookie.substring("XSRF-TOKEN=".length()).split(";", 2)[0])
                .findFirst()
                .orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie"));
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            return new Reply(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpClient client() {
        return CLIENT;
    }

    record Reply(HttpResponse<String> response) {
        int status() {
            return response.statusCode();
        }

        String contentType() {
            return response.headers().firstValue("Content-Type").orElse("");
        }

        Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        String text() {
            return response.body();
        }

        JsonNode json() {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + response.body(), e);
            }
        }
    }
}
