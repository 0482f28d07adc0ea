package io.tidewater.ingest.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.ingest.rpc.RpcException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JSON-RPC 2.0 over HTTP, on the JDK's {@link HttpClient}: single calls and batches. It classifies
 * every failure into an {@link RpcException} and never retries; {@link Retrier} decides that.
 *
 * <p>Threading: safe for any number of threads; the rate limit is shared by all of them.
 */
public final class JsonRpcClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI uri;
    private final String redactedUrl;
    private final HttpClient http;
    private final Duration timeout;
    private final RateLimiter limiter;
    private final RpcObserver observer;
    private final AtomicLong ids = new AtomicLong();

    /**
     * @param url               the node's HTTP(S) endpoint
     * @param timeout           how long one request may take
     * @param requestsPerSecond calls per second at most, a batch counting each of its calls; 0 for no limit
     * @throws RpcException of kind {@link Kind#FATAL_URL} when the URL is not an http(s) URL
     */
    public JsonRpcClient(String url, Duration timeout, double requestsPerSecond, RpcObserver observer) {
        this.uri = parse(url);
        this.redactedUrl = redact(uri);
        this.timeout = timeout;
        this.limiter = new RateLimiter(requestsPerSecond);
        this.observer = observer;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The URL without path, query or credentials, safe to print: API keys often live there. */
    public String redactedUrl() {
        return redactedUrl;
    }

    public JsonNode call(String method, Object... params) {
        return batch(List.of(RpcCall.of(method, params))).get(0);
    }

    /**
     * Sends the calls in one HTTP request (a JSON-RPC batch when there are several) and returns
     * their results in the same order. The first call that failed fails the whole batch.
     */
    public List<JsonNode> batch(List<RpcCall> calls) {
        if (calls.isEmpty()) {
            return List.of();
        }
        String method = calls.get(0).method();
        Map<Long, Integer> positions = new HashMap<>();
        JsonNode payload;
        if (calls.size() == 1) {
            payload = request(calls.get(0), positions, 0);
        } else {
            ArrayNode array = MAPPER.createArrayNode();
            for (int i = 0; i < calls.size(); i++) {
                array.add(request(calls.get(i), positions, i));
            }
            payload = array;
        }
        JsonNode response = send(method, payload, calls.size());
        List<JsonNode> results = new ArrayList<>(java.util.Collections.nCopies(calls.size(), (JsonNode) null));
        if (response.isObject() && calls.size() > 1 && response.has("error")) {
            throw error(method, response.get("error"));
        }
        for (JsonNode item : response.isArray() ? response : List.of(response)) {
            JsonNode error = item.get("error");
            Integer at = item.has("id") ? positions.get(item.get("id").asLong()) : null;
            if (error != null && !error.isNull()) {
                throw error(at == null ? method : calls.get(at).method(), error);
            }
            if (at == null || !item.has("result")) {
                throw new RpcException(Kind.PROTOCOL, method, "an answer without a known id or a result: "
                        + RpcErrors.abbreviate(item.toString()), null);
            }
            results.set(at, item.get("result"));
        }
        if (results.contains(null)) {
            throw new RpcException(Kind.PROTOCOL, method, "the node answered " + response.size() + " of " + calls.size() + " calls", null);
        }
        return results;
    }

    private ObjectNode request(RpcCall call, Map<Long, Integer> positions, int position) {
        long id = ids.incrementAndGet();
        positions.put(id, position);
        ObjectNode node = MAPPER.createObjectNode();
        node.put("jsonrpc", "2.0");
        node.put("id", id);
        node.put("method", call.method());
        node.set("params", MAPPER.valueToTree(call.params()));
        return node;
    }

    private JsonNode send(String method, JsonNode payload, int calls) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(payload))).build();
            limiter.acquire(calls);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a JSON-RPC request", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcException(Kind.CONNECTION, method, "interrupted", e);
        }
        observer.called(method, calls);
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw new RpcException(Kind.TIMEOUT, method, "no connection to " + redactedUrl + " within " + timeout.toMillis() + " ms", e);
        } catch (HttpTimeoutException e) {
            throw new RpcException(Kind.TIMEOUT, method, "no answer from " + redactedUrl + " within " + timeout.toMillis() + " ms", e);
        } catch (ConnectException e) {
            if (rootCause(e) instanceof UnresolvedAddressException) {
                throw new RpcException(Kind.FATAL_URL, method, "unknown host in " + redactedUrl, e);
            }
            throw new RpcException(Kind.CONNECTION, method, "cannot connect to " + redactedUrl + " (" + e + ")", e);
        } catch (IOException e) {
            throw new RpcException(Kind.CONNECTION, method, "the connection to " + redactedUrl + " failed (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcException(Kind.CONNECTION, method, "interrupted", e);
        } catch (IllegalArgumentException e) {
            throw new RpcException(Kind.FATAL_URL, method, "cannot reach " + redactedUrl + " (" + e + ")", e);
        }
        String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
        JsonNode json = null;
        try {
            json = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            // Not JSON: the status says more than the body.
        }
        boolean jsonRpc = json != null && (json.isArray() || json.isObject() && (json.has("result") || json.has("error")));
        if (response.statusCode() != 200) {
            if (jsonRpc && json.isObject() && json.has("error") && response.statusCode() < 500 && response.statusCode() != 429) {
                throw error(method, json.get("error"));
            }
            throw RpcErrors.ofStatus(method, response.statusCode(), body);
        }
        if (!jsonRpc) {
            throw new RpcException(Kind.PROTOCOL, method, "not a JSON-RPC answer from " + redactedUrl + ": "
                    + RpcErrors.abbreviate(body), null);
        }
        return json;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static RpcException error(String method, JsonNode error) {
        int code = error.path("code").asInt(0);
        String message = error.path("message").asText("");
        JsonNode data = error.get("data");
        if (data != null && !data.isNull()) {
            message = message + " " + (data.isTextual() ? data.asText() : data.toString());
        }
        return RpcErrors.of(method, code, message);
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new RpcException(Kind.FATAL_URL, "rpc.url", "expected an http:// or https:// URL with a host, got '"
                        + redact(uri) + "'", null);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new RpcException(Kind.FATAL_URL, "rpc.url", "not a URL: " + e.getReason(), e);
        }
    }

    private static String redact(URI uri) {
        if (uri.getHost() == null) {
            return uri.getScheme() == null ? "(no scheme)" : uri.getScheme() + ":...";
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/") ? "" : "/...");
    }
}
