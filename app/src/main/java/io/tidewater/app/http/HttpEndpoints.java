package io.tidewater.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tidewater.app.config.Redaction;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's HTTP surface, on the JDK's built-in server:
 * <ul>
 *   <li>{@code GET /metrics}: the Prometheus text format of the registry passed in;</li>
 *   <li>{@code GET /health}: JSON of the current {@link HealthSnapshot}; 200 when healthy, else 503;</li>
 *   <li>{@code GET /ready}: 200 once the readiness check says caught up, else 503.</li>
 * </ul>
 * Details in {@code /health} are redacted of anything that looks like a credential.
 *
 * <p>Threading: requests are served on two daemon threads, so a slow scrape never holds up the
 * app and never keeps the JVM alive; the suppliers must be safe to call from them.
 */
public final class HttpEndpoints implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoints.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final int requestedPort;
    private final PrometheusMeterRegistry registry;
    private final Supplier<HealthSnapshot> health;
    private final BooleanSupplier ready;
    private HttpServer server;
    private ExecutorService executor;

    /**
     * @param port     the port to listen on, on all interfaces; 0 picks a free one
     * @param registry scraped on every {@code /metrics} request
     * @param health   called on every {@code /health} request
     * @param ready    called on every {@code /ready} request: true once caught up
     */
    public HttpEndpoints(int port, PrometheusMeterRegistry registry, Supplier<HealthSnapshot> health, BooleanSupplier ready) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("HTTP port must be between 0 and 65535, got " + port);
        }
        this.requestedPort = port;
        this.registry = registry;
        this.health = health;
        this.ready = ready;
    }

    /** Starts the endpoints unless {@code port} is {@link io.tidewater.app.config.AppConfig#HTTP_DISABLED}. */
    public static Optional<HttpEndpoints> startIfEnabled(int port, PrometheusMeterRegistry registry,
                                                         Supplier<HealthSnapshot> health, BooleanSupplier ready) {
        if (port == io.tidewater.app.config.AppConfig.HTTP_DISABLED) {
            return Optional.empty();
        }
        return Optional.of(new HttpEndpoints(port, registry, health, ready).start());
    }

    public synchronized HttpEndpoints start() {
        if (server != null) {
            throw new IllegalStateException("HTTP endpoints already started on port " + port());
        }
        try {
            server = HttpServer.create(new InetSocketAddress(requestedPort), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for HTTP on port " + requestedPort + ": " + e.getMessage(), e);
        }
        executor = Executors.newFixedThreadPool(2, daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        LOG.info("HTTP endpoints /metrics, /health and /ready on port {}", port());
        return this;
    }

    /** The bound port, the chosen one when started with 0. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("HTTP endpoints are not started");
        }
        return server.getAddress().getPort();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, "text/plain", "method not allowed\n");
                return;
            }
            switch (exchange.getRequestURI().getPath()) {
                case "/metrics" -> respond(exchange, 200, PROMETHEUS_TEXT, registry.scrape());
                case "/health" -> health(exchange);
                case "/ready" -> ready(exchange);
                default -> respond(exchange, 404, "text/plain", "not found; try /metrics, /health or /ready\n");
            }
        } catch (RuntimeException e) {
            LOG.warn("HTTP {} failed", exchange.getRequestURI().getPath(), e);
        }
    }

    private void health(HttpExchange exchange) throws IOException {
        ObjectNode body = MAPPER.createObjectNode();
        boolean healthy;
        try {
            HealthSnapshot snapshot = health.get();
            healthy = snapshot.healthy();
            body.put("status", healthy ? "UP" : "DOWN");
            ObjectNode components = body.putObject("components");
            snapshot.components().forEach((name, c) -> {
                ObjectNode node = components.putObject(name).put("status", c.healthy() ? "UP" : "DOWN").put("state", c.state());
                c.detail().ifPresent(d -> node.put("detail", Redaction.redact(d)));
            });
        } catch (RuntimeException e) {
            healthy = false;
            body.removeAll();
            body.put("status", "DOWN").put("error", Redaction.redact(String.valueOf(e.getMessage())));
        }
        respond(exchange, healthy ? 200 : 503, JSON, MAPPER.writeValueAsString(body) + "\n");
    }

    private void ready(HttpExchange exchange) throws IOException {
        boolean isReady;
        try {
            isReady = ready.getAsBoolean();
        } catch (RuntimeException e) {
            isReady = false;
        }
        respond(exchange, isReady ? 200 : 503, JSON, "{\"ready\":" + isReady + "}\n");
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "tidewater-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
