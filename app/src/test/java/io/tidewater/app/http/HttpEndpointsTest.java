package io.tidewater.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpEndpointsTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<HealthSnapshot> health = new AtomicReference<>();
    private final AtomicBoolean caughtUp = new AtomicBoolean();
    private HttpEndpoints endpoints;

    @BeforeEach
    void start() {
        endpoints = new HttpEndpoints(0, registry, health::get, caughtUp::get).start();
    }

    @AfterEach
    void stop() {
        endpoints.close();
    }

    @Test
    void metricsServesThePrometheusScrape() throws Exception {
        Counter.builder("tidewater.events.applied").tag("chain", "1").register(registry).increment(42);

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(response.body()).contains("# TYPE tidewater_events_applied_total counter")
                .contains("tidewater_events_applied_total{chain=\"1\"} 42.0");
    }

    @Test
    void healthIs200WhenEveryComponentIsUpAnd503Otherwise() throws Exception {
        health.set(HealthSnapshot.of(Map.of("streams", ComponentHealth.up("RUNNING"), "sink", ComponentHealth.up("IDLE"))));
        HttpResponse<String> up = get("/health");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.body().trim()).isEqualTo(
                "{\"status\":\"UP\",\"components\":{\"sink\":{\"status\":\"UP\",\"state\":\"IDLE\"},"
                        + "\"streams\":{\"status\":\"UP\",\"state\":\"RUNNING\"}}}");

        health.set(HealthSnapshot.of(Map.of("streams", ComponentHealth.up("RUNNING"),
                "sink", ComponentHealth.down("FAILED", "connection to jdbc:postgresql://db:5432/idx?user=tw&password=hunter2 "
                        + "and postgres://tw:hunter3@db refused"))));
        HttpResponse<String> down = get("/health");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("\"status\":\"DOWN\"").contains("\"state\":\"FAILED\"")
                .contains("password=[hidden]").contains("tw:[hidden]@db")
                .doesNotContain("hunter2").doesNotContain("hunter3");
    }

    @Test
    void healthThatCannotBeComputedIsDown() throws Exception {
        HttpResponse<String> response = get("/health");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"status\":\"DOWN\"");
    }

    @Test
    void readyFollowsTheCaughtUpCheck() throws Exception {
        assertThat(get("/ready").statusCode()).isEqualTo(503);
        caughtUp.set(true);
        HttpResponse<String> ready = get("/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body().trim()).isEqualTo("{\"ready\":true}");
    }

    @Test
    void unknownPathsAndMethodsAreRefused() throws Exception {
        assertThat(get("/healthz").statusCode()).isEqualTo(404);
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(uri("/metrics"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void disabledPortStartsNothingAndCloseFreesThePort() throws Exception {
        assertThat(HttpEndpoints.startIfEnabled(-1, registry, health::get, caughtUp::get)).isEmpty();
        int port = endpoints.port();
        endpoints.close();
        try (HttpEndpoints again = new HttpEndpoints(port, registry, health::get, () -> true).start()) {
            assertThat(again.port()).isEqualTo(port);
            assertThat(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + endpoints.port() + path);
    }
}
