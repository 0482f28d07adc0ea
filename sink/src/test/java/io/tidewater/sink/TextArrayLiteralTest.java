package io.tidewater.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextArrayLiteralTest {
    @Test
    void quotesEveryElementAndEscapesQuotesAndBackslashes() {
        assertEquals("{\"a\",\"b c\",NULL,\"\",\"q\\\"t\",\"b\\\\s\",\"{1,2}\",\"NULL\"}",
                TextArrayLiteral.of(new String[] {"a", "b c", null, "", "q\"t", "b\\s", "{1,2}", "NULL"}));
    }

    @Test
    void emptyArray() {
        assertEquals("{}", TextArrayLiteral.of(new String[0]));
    }
}
