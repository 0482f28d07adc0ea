package io.tidewater.ingest.rpc;

import io.tidewater.ingest.rpc.RpcException.Kind;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies what a node answered instead of a result. Providers word their limits differently
 * (a maximum block span, a maximum number of results, a response size) and some suggest a range
 * that would work; this reads the common shapes of those messages and keeps the suggestion.
 */
final class RpcErrors {
    static final String GET_LOGS = "eth_getLogs";

    /** Messages that mean "this query was too big": shrink the range. */
    private static final Pattern TOO_BIG = Pattern.compile(
            "too many|more than \\d|exceed|too large|too wide|range (is )?(too|limit)|block range|max(imum)? (block )?range"
                    + "|max results|response size|limited to|result set|size limit");
    /** "... [0x10, 0x20]" or "retry with the range 100-200": a range the node says would work. */
    private static final Pattern SUGGESTED_PAIR = Pattern.compile(
            "\\[\\s*(0x[0-9a-f]+)\\s*,\\s*(0x[0-9a-f]+)\\s*]|range (\\d+)\\s*-\\s*(\\d+)");
    /** A block count stated as a limit: "max range: 500", "limited to a 1,000 blocks range", "at most 2000 blocks". */
    private static final List<Pattern> BLOCK_LIMITS = List.of(
            Pattern.compile("(?:max(?:imum)?|limit(?:ed)?|at most|up to)[^0-9\\[]{0,30}?(\\d[\\d,]*)\\s*(?:-\\s*)?blocks?"),
            Pattern.compile("max(?:imum)?(?: block)? range(?: is)?:?\\s*(\\d[\\d,]*)"),
            Pattern.compile("blocks? range (?:limit|exceeds)[^0-9]{0,10}(\\d[\\d,]*)"));
    private static final Pattern RATE = Pattern.compile("rate limit|too many requests|requests per second|capacity|throttl");
    private static final Pattern BEHIND = Pattern.compile(
            "header not found|unknown block|block not found|not found block|beyond (the )?(current )?head|after last accepted|"
                    + "block (is )?not (yet )?available|requested block .* (ahead|greater)");
    private static final Pattern NO_METHOD = Pattern.compile("method .*(not found|not exist|not available|not supported|unsupported)"
            + "|(not found|unsupported|unknown) method");

    private RpcErrors() {
    }

    /** A JSON-RPC error object's code and message, for a call of {@code method}. */
    static RpcException of(String method, int code, String message) {
        String text = message == null ? "" : message;
        String lower = text.toLowerCase(Locale.ROOT);
        String said = "node error " + code + ": " + text;
        if (code == -32601 || NO_METHOD.matcher(lower).find()) {
            return new RpcException(Kind.FATAL_METHOD, method, "the node does not offer " + method + " (" + said + ")", null);
        }
        if (GET_LOGS.equals(method) && (code == -32005 || TOO_BIG.matcher(lower).find())) {
            return new RpcException(Kind.RANGE_LIMIT, method, said, suggestedRange(lower), null);
        }
        if (code == -32005 || RATE.matcher(lower).find()) {
            return new RpcException(Kind.RATE_LIMITED, method, said, null);
        }
        if (BEHIND.matcher(lower).find()) {
            return new RpcException(Kind.NODE_BEHIND, method, said, null);
        }
        if (code == -32600 || code == -32602 || code == -32700) {
            return new RpcException(Kind.FATAL_REQUEST, method, "the node rejected the request (" + said + ")", null);
        }
        return new RpcException(Kind.SERVER_ERROR, method, said, null);
    }

    /** An HTTP status other than 200 whose body is not a JSON-RPC error. */
    static RpcException ofStatus(String method, int status, String body) {
        String said = "HTTP " + status + (body.isBlank() ? "" : ": " + abbreviate(body));
        if (status == 429) {
            return new RpcException(Kind.RATE_LIMITED, method, said, null);
        }
        if (status >= 500) {
            return new RpcException(Kind.SERVER_ERROR, method, said, null);
        }
        if (status == 401 || status == 403 || status == 404 || status == 405) {
            return new RpcException(Kind.FATAL_URL, method, "the URL does not lead to a JSON-RPC node that accepts us (" + said + ")", null);
        }
        return new RpcException(Kind.FATAL_REQUEST, method, "the node rejected the request (" + said + ")", null);
    }

    /** The block span that the message suggests, or -1. */
    static long suggestedRange(String lowerMessage) {
        Matcher pair = SUGGESTED_PAIR.matcher(lowerMessage);
        if (pair.find()) {
            long from = pair.group(1) != null ? Long.decode(pair.group(1)) : Long.parseLong(pair.group(3));
            long to = pair.group(2) != null ? Long.decode(pair.group(2)) : Long.parseLong(pair.group(4));
            return to >= from ? to - from + 1 : -1;
        }
        for (Pattern p : BLOCK_LIMITS) {
            Matcher m = p.matcher(lowerMessage);
            if (m.find()) {
                long n = Long.parseLong(m.group(1).replace(",", ""));
                return n > 0 ? n : -1;
            }
        }
        return -1;
    }

    static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }
}
