package io.tidewater.bench.perf;

import java.util.List;
import java.util.Locale;

/**
 * Draws e, f and g of one run as one SVG of three bar panels: throughput, memory per
 * checkpoint, and rollback latency per grid point. Hand-written so the harness needs no
 * plotting tool.
 */
final class SvgChart {
    private static final int PANEL_W = 340;
    private static final int PANEL_H = 260;
    private static final int TOP = 40;
    private static final int LEFT = 50;

    private record Bar(String label, double value, String color) {
    }

    private SvgChart() {
    }

    static String render(Results r) {
        StringBuilder svg = new StringBuilder();
        int width = PANEL_W * 3 + 20;
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n",
                width, PANEL_H + TOP + 60));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        panel(svg, 0, "e. end to end, events/s", List.of(
                new Bar("background", r.get("e.background.events_per_s"), "#2b7bb9"),
                new Bar("synchronous", r.get("e.synchronous.events_per_s"), "#9ecae1"),
                new Bar("topology (d)", r.get("d.topology.events_per_s"), "#74c476"),
                new Bar("pass-thru (c)", r.get("c.passthrough.records_per_s"), "#bdbdbd")));
        panel(svg, 1, "f. indexer JVM peak RSS / heap, MiB", r.memory().stream().flatMap(m -> List.of(
                new Bar(compact(m.entities()) + " RSS", m.peakRssMiB(), "#e6550d"),
                new Bar(compact(m.entities()) + " heap", m.heapUsedMiB(), "#fdae6b")).stream()).toList());
        panel(svg, 2, "g. rollback to commit, ms (depth/entities)", r.rollbacks().stream()
                .map(x -> new Bar(x.depth() + "/" + compact(x.entities()), x.commitMillis(), x.depth() == 100 ? "#756bb1" : "#bcbddc"))
                .toList());
        return svg.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder svg, int index, String title, List<Bar> bars) {
        int x0 = index * PANEL_W + 10;
        double max = bars.stream().mapToDouble(Bar::value).filter(Double::isFinite).max().orElse(1);
        max = max <= 0 ? 1 : max * 1.1;
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-weight=\"bold\">%s</text>%n", x0, title));
        int plotW = PANEL_W - LEFT - 10;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                x0 + LEFT, TOP + PANEL_H, x0 + LEFT + plotW, TOP + PANEL_H));
        for (int t = 0; t <= 4; t++) {
            double v = max * t / 4;
            int y = TOP + PANEL_H - (int) (PANEL_H * t / 4.0);
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", x0 + LEFT - 4, y + 4, compact(v)));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#eee\"/>%n",
                    x0 + LEFT, y, x0 + LEFT + plotW, y));
        }
        double slot = (double) plotW / Math.max(1, bars.size());
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double v = Double.isFinite(b.value()) ? b.value() : 0;
            int h = (int) Math.round(PANEL_H * v / max);
            int x = x0 + LEFT + (int) (i * slot + slot * 0.15);
            int w = Math.max(2, (int) (slot * 0.7));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
                    x, TOP + PANEL_H - h, w, h, b.color()));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"9\">%s</text>%n",
                    x + w / 2, TOP + PANEL_H - h - 3, compact(v)));
            svg.append(String.format(Locale.ROOT,
                    "<text transform=\"translate(%d,%d) rotate(40)\" font-size=\"9\">%s</text>%n", x + w / 2, TOP + PANEL_H + 10, b.label()));
        }
    }

    private static String compact(double v) {
        if (v >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM", v / 1_000_000);
        }
        if (v >= 10_000) {
            return String.format(Locale.ROOT, "%.0fk", v / 1000);
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
    }
}
