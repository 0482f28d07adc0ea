package io.tidewater.testkit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A record the indexer refused, as the dead-letter topic carries it.
 *
 * @param category  {@code malformed}, {@code undecodable}, {@code handler-failed} or {@code key-mismatch}
 * @param reason    what was wrong, in words
 * @param field     the offending field, when the record was malformed ({@code params.value})
 * @param signature the event a raw log claimed to be, when it did not decode
 * @param json      the whole dead-letter value
 */
public record DeadLetter(String category, String reason, String field, String signature, JsonNode json) {
    static DeadLetter of(JsonNode json) {
        return new DeadLetter(text(json, "category"), text(json, "reason"), text(json, "field"), text(json, "signature"), json);
    }

    private static String text(JsonNode json, String field) {
        JsonNode v = json.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
