package io.tidewater.ingest.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.ingest.rpc.RpcException.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RpcErrorsTest {

    /** Messages as providers word them (the shapes Ponder, Envio and graph-node recognize), and what they mean to us. */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "-32005 | query returned more than 10000 results                                                  | RANGE_LIMIT | -1",
        "-32602 | query exceeds max results 20000, retry with the range 6000000-6000509                   | RANGE_LIMIT | 510",
        "-32600 | Log response size exceeded. this block range should work: [0x10, 0x1f]                   | RANGE_LIMIT | 16",
        "-32000 | Your app has exceeded its compute units per second capacity; limited to a 2000 blocks range | RANGE_LIMIT | 2000",
        "-32000 | block range too large: maximum is 500 blocks                                             | RANGE_LIMIT | 500",
        "-32000 | eth_getLogs is limited to a 10,000 range                                                 | RANGE_LIMIT | -1",
        "-32600 | Max range: 3500                                                                          | RANGE_LIMIT | 3500",
        "-32000 | logs matched by query exceeds limit of 10000                                             | RANGE_LIMIT | -1"})
    void getLogsLimitsShrinkTheRangeWithTheNodesHint(int code, String message, Kind kind, long suggested) {
        RpcException e = RpcErrors.of(RpcErrors.GET_LOGS, code, message);
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.suggestedRange().orElse(-1)).isEqualTo(suggested);
    }

    @ParameterizedTest(name = "{1} {2}")
    @CsvSource(delimiter = '|', value = {
        "eth_getBlockByNumber | -32005 | limit exceeded                                   | RATE_LIMITED",
        "eth_getBlockByNumber | -32000 | rate limit reached, too many requests            | RATE_LIMITED",
        "eth_getBlockByNumber | -32000 | header not found                                 | NODE_BEHIND",
        "eth_getLogs          | -32000 | unknown block                                    | NODE_BEHIND",
        "eth_getLogs          | -32601 | the method eth_getLogs does not exist/is not available | FATAL_METHOD",
        "eth_chainId          | -32000 | Method not found                                 | FATAL_METHOD",
        "eth_getBlockByHash   | -32602 | invalid argument 0: hex string has length 3      | FATAL_REQUEST",
        "eth_blockNumber      | -32000 | execution aborted (timeout = 5s)                 | SERVER_ERROR"})
    void otherErrorsAreRetriedUnlessTheyCannotSucceed(String method, int code, String message, Kind kind) {
        assertThat(RpcErrors.of(method, code, message).kind()).isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource({"429, RATE_LIMITED", "500, SERVER_ERROR", "502, SERVER_ERROR", "503, SERVER_ERROR", "401, FATAL_URL",
        "403, FATAL_URL", "404, FATAL_URL", "400, FATAL_REQUEST"})
    void httpStatusesAreClassified(int status, Kind kind) {
        RpcException e = RpcErrors.ofStatus("eth_getLogs", status, "<html>nope</html>");
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.kind().fatal()).isEqualTo(kind.name().startsWith("FATAL"));
        assertThat(e.getMessage()).contains("HTTP " + status);
    }
}
