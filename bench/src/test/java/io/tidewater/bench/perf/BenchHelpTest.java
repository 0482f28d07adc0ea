package io.tidewater.bench.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BenchHelpTest {
    @Test
    void helpExplainsEveryFlagOfTheUsageLine() throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Bench.main(new String[] {"--help"});
        } finally {
            System.setOut(stdout);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).startsWith("usage: tidewater bench");
        Matcher flags = Pattern.compile("--[a-z-]+").matcher(lines.get(0));
        int explained = 0;
        while (flags.find()) {
            String flag = flags.group();
            assertThat(lines).as(flag).anySatisfy(line -> assertThat(line).startsWith("  " + flag + " "));
            explained++;
        }
        assertThat(explained).isEqualTo(9);
    }
}
