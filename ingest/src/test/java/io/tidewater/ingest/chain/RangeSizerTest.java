package io.tidewater.ingest.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RangeSizerTest {

    @Test
    void growsOnFullSuccessesUpToTheMaximum() {
        RangeSizer sizer = new RangeSizer(100, 300);
        sizer.succeeded(100);
        assertThat(sizer.next()).isEqualTo(150);
        sizer.succeeded(40);
        assertThat(sizer.next()).as("a short range says nothing about the limit").isEqualTo(150);
        sizer.succeeded(150);
        sizer.succeeded(225);
        assertThat(sizer.next()).isEqualTo(300);
    }

    @Test
    void halvesWithoutAHintAndNeverGoesBelowOne() {
        RangeSizer sizer = new RangeSizer(100, 1_000);
        assertThat(sizer.shrink(100, OptionalLong.empty())).isEqualTo(50);
        assertThat(sizer.shrink(50, OptionalLong.empty())).isEqualTo(25);
        assertThat(sizer.shrink(1, OptionalLong.empty())).isEqualTo(1);
    }

    @Test
    void aStatedLimitBecomesTheCeiling() {
        RangeSizer sizer = new RangeSizer(1_000, 10_000);
        assertThat(sizer.shrink(1_000, OptionalLong.of(250))).isEqualTo(250);
        for (int i = 0; i < 10; i++) {
            sizer.succeeded(sizer.next());
        }
        assertThat(sizer.next()).isEqualTo(250);
        assertThat(sizer.ceiling()).isEqualTo(250);
    }
}
