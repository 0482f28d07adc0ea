package io.tidewater.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewater.examples.erc20.reference.JsonlReference;
import io.tidewater.examples.erc20.sim.ChainSimulator;
import io.tidewater.examples.erc20.sim.SimOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The input of a chaos run, produced in chunks: a seeded ERC20 stream with reorgs of depth 1–64
 * and duplicates, with poison pills and unhandled events mixed in. It remembers the valid lines
 * (what the reference model reads) apart from the poison (what the dead-letter topic must hold).
 */
final class Workload {
    /** One record for the input topic. */
    record Line(String key, String value) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final long[] CHAINS = {1, 10, 100, 1000};

    private final ChainSimulator simulator;
    private final SplittableRandom random;
    private final double poisonRate;
    private final List<String> valid = new ArrayList<>();
    private final List<PoisonPills.Poison> poison = new ArrayList<>();
    private long poisonBlock = 0;
    private long unhandled = 0;

    Workload(long seed, double poisonRate) {
        this.simulator = new ChainSimulator(seed, new SimOptions(CHAINS, 3, 40, 4, 0.04, 64, 0.05, 0.3), false);
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.poisonRate = poisonRate;
    }

    /** The next {@code size} simulated lines, with about {@code poisonRate} poison and a few unhandled events. */
    List<Line> next(int size) {
        List<Line> out = new ArrayList<>();
        String lastLog = null;
        for (String line : simulator.generate(size)) {
            JsonNode node = parse(line);
            out.add(new Line(node.get("chainId").asText(), line));
            valid.add(line);
            if (!"log".equals(node.get("kind").asText())) {
                continue;
            }
            lastLog = line;
            if (random.nextDouble() < poisonRate) {
                PoisonPills.Poison p = PoisonPills.make(poison.size(), lastLog, ++poisonBlock);
                poison.add(p);
                out.add(new Line(p.key(), p.value()));
            } else if (random.nextDouble() < poisonRate / 2) {
                String u = PoisonPills.unhandled(lastLog, ++poisonBlock);
                unhandled++;
                valid.add(u);
                out.add(new Line(Long.toString(PoisonPills.POISON_CHAIN), u));
            }
        }
        return out;
    }

    /** The tables a clean replay of every valid line so far leaves. */
    Map<String, TreeMap<String, Map<String, Object>>> expectedTables() {
        return JsonlReference.tables(valid);
    }

    List<PoisonPills.Poison> poison() {
        return Collections.unmodifiableList(poison);
    }

    int validLines() {
        return valid.size();
    }

    long unhandledEvents() {
        return unhandled;
    }

    Map<ChainSimulator.Kind, Integer> simulated() {
        return simulator.counts();
    }

    private static JsonNode parse(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
