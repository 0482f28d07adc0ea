package io.tidewater.serdes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WireLimitsTest {
    private static final String HEX64 = "0123456789abcdefABCDEF0123456789abcdef0123456789abcdef0123456789";
    private static final String A39 = "0x" + "a".repeat(39);

    @Test
    void hashesAre0xAnd64HexDigits() {
        for (String ok : List.of("0x" + HEX64, "0x" + "0".repeat(64))) {
            assertThat(WireLimits.hash("blockHash", ok)).isEqualTo(ok);
        }
        for (String bad : List.of("", "0x", "0X" + HEX64, "1x" + HEX64, "0x" + HEX64 + "0", "0xg" + "0".repeat(63),
                "0x" + "0".repeat(63), " 0x" + "0".repeat(64), "0x" + "0".repeat(63) + "\u0660")) {
            assertThatThrownBy(() -> WireLimits.hash("blockHash", bad)).as(bad)
                    .isInstanceOf(MalformedRecordException.class).hasMessageContaining("blockHash").hasMessageContaining("64 hex digits");
        }
    }

    @Test
    void addressesAre0xAnd40HexDigits() {
        assertThat(WireLimits.address("address", A39 + "F")).isEqualTo(A39 + "F");
        for (String bad : List.of("0x", A39, A39 + "aa", A39 + "z", A39 + "/", A39 + ":", A39 + "@", A39 + "G", A39 + "`")) {
            assertThatThrownBy(() -> WireLimits.address("address", bad)).as(bad).isInstanceOf(MalformedRecordException.class);
        }
    }

    @Test
    void eventNamesAreIdentifiersOfAtMost128Characters() {
        for (String ok : List.of("Transfer", "_x", "a1_B2", "Z", "a".repeat(128))) {
            assertThat(WireLimits.eventName("event", ok)).isEqualTo(ok);
        }
        for (String bad : List.of("", "1Transfer", "Trans fer", "Transfer()", "Tränsfer", "-", "a-b", "a".repeat(129))) {
            assertThatThrownBy(() -> WireLimits.eventName("event", bad)).as(bad).isInstanceOf(MalformedRecordException.class);
        }
    }

    @Test
    void decimalsHaveAtMost78DigitsAndAnOptionalMinus() {
        for (String ok : List.of("0", "-1", "007", "9".repeat(78), "-" + "9".repeat(78),
                "115792089237316195423570985008687907853269984665640564039457584007913129639935")) {
            assertThat(WireLimits.isDecimal(ok)).as(ok).isTrue();
        }
        for (String bad : List.of("", "-", "+1", "1.0", "1e3", " 1", "0x10", "--1", "1-", "9".repeat(79), "\u0661")) {
            assertThat(WireLimits.isDecimal(bad)).as(bad).isFalse();
        }
    }
}
