package io.tidewater.app.http;

import java.util.Optional;

/**
 * The health of one part of the app, e.g. the Streams client ({@code RUNNING}) or the sink
 * ({@code WRITING}, {@code FAILED}).
 *
 * @param state  the part's own state name
 * @param detail a short explanation, such as a failure's message; it is redacted before it is
 *               served, but should not carry secrets in the first place
 */
public record ComponentHealth(boolean healthy, String state, Optional<String> detail) {
    public static ComponentHealth up(String state) {
        return new ComponentHealth(true, state, Optional.empty());
    }

    public static ComponentHealth down(String state, String detail) {
        return new ComponentHealth(false, state, Optional.ofNullable(detail));
    }
}
