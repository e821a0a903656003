package io.msgsvc.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgsvc.examples.web.ApiClient.Reply;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A browser's session with the dashboard, signed in through its sign-in form; cookies kept, redirects not followed. */
final class DashboardSession {
    static final String API = "/msgsvc/api";
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

    private final URI base;
    private final HttpClient http;

    private DashboardSession(int port) {
        this.base = URI.create("http://localhost:" + port);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Nobody signed in. */
    static DashboardSession anonymous(int port) {
        return new DashboardSession(port);
    }

    /** Signs in as a customer (its API key as password) or the operator (the operator key). */
    static DashboardSession signIn(int port, String user, String password) {
        DashboardSession session = new DashboardSession(port);
        Reply loginPage = session.page("/login");
        Matcher csrf = CSRF_FIELD.matcher(loginPage.raw().body());
        assertThat(csrf.find()).as("the sign-in form's CSRF field").isTrue();
        String form = "username=" + encode(user) + "&password=" + encode(password) + "&_csrf=" + encode(csrf.group(1));
        Reply signedIn = ApiClient.send(
                session.http,
                session.request("/login")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(BodyPublishers.ofString(form)));
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.header("Location"))
                .hasValueSatisfying(
                        to -> assertThat(to).as("signed in as %s", user).doesNotContain("error"));
        return session;
    }

    Reply get(String path) {
        return ApiClient.send(
                http, request(path).header("Accept", "application/json").GET());
    }

    /** As a browser asks for a page. */
    Reply page(String path) {
        return ApiClient.send(http, request(path).header("Accept", "text/html").GET());
    }

    /** Opens the dashboard's live stream and adds every line it sends to {@code lines}, until closed. */
    CompletableFuture<HttpResponse<Stream<String>>> stream(String query, Queue<String> lines) {
        CompletableFuture<HttpResponse<Stream<String>>> response = http.sendAsync(
                request(API + "/stream" + query)
                        .header("Accept", "text/event-stream")
                        .build(),
                BodyHandlers.ofLines());
        response.thenAcceptAsync(r -> {
            try (Stream<String> body = r.body()) {
                body.forEach(lines::add);
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
        });
        return response;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
