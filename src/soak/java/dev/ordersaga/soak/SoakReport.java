package dev.ordersaga.soak;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The soak's report, {@code target/soak/report.md}, and its timeline chart, {@code target/soak/timeline.png}: orders in
 * flight and completed per second over the run, each fault a vertical line.
 */
final class SoakReport {

    /** The orders per second of the run, from its start. */
    record Timeline(double[] seconds, double[] inFlight, double[] completed) {

        /** @param accepted per order, when it was accepted and when it reached its final state (0: never), in millis */
        static Timeline of(long start, long end, Collection<long[]> accepted) {
            int length = (int) Math.max(1, (end - start) / 1000 + 1);
            var timeline = new Timeline(new double[length], new double[length], new double[length]);
            for (int s = 0; s < length; s++) {
                timeline.seconds[s] = s;
            }
            for (long[] order : accepted) {
                int from = second(start, order[0], length);
                int to = order[1] == 0 ? length : second(start, order[1], length);
                for (int s = from; s < to; s++) {
                    timeline.inFlight[s]++;
                }
                if (order[1] != 0 && to < length) {
                    timeline.completed[to]++;
                }
            }
            return timeline;
        }

        private static int second(long start, long at, int length) {
            return (int) Math.min(length - 1, Math.max(0, (at - start) / 1000));
        }
    }

    private static final Map<String, Color> FAULT_COLORS = Map.of(FaultLog.KILL, new Color(0xC44E52), FaultLog.SIGTERM, new Color(0xDD8452),
            FaultLog.RESTART, new Color(0x8C8C8C), FaultLog.ES_STOP, new Color(0x8172B3), FaultLog.ES_START, new Color(0x8172B3),
            FaultLog.MALFORMED, new Color(0x937860), FaultLog.REPLY_FAULTS, new Color(0x64B5CD));

    private SoakReport() {}

    static void write(Path directory, String soakLine, SoakSettings settings, long start, Timeline timeline, List<FaultLog.Event> faults,
            List<Recovery.Kill> kills, Audit.Result audit, Map<String, Long> placed) throws IOException {
        Files.createDirectories(directory);
        chart(directory.resolve("timeline.png"), start, timeline, faults);
        var md = new StringBuilder();
        md.append("# Soak report\n\n```\n").append(soakLine).append("\n```\n\n");
        md.append(String.format(Locale.ROOT, "Started %s; %d orders at %.1f/s, %d application instances, a kill -9 every %d s.%n%n",
                Instant.ofEpochMilli(start), settings.orders(), settings.rate(), settings.instances(), settings.killEvery().toSeconds()));
        md.append("POSTs: ").append(placed).append("\n\n![orders in flight and completed per second, faults marked](timeline.png)\n\n");
        md.append("## Faults\n\n| at (s) | fault | target | detail |\n| ---: | --- | --- | --- |\n");
        for (FaultLog.Event e : faults) {
            md.append(String.format(Locale.ROOT, "| %.1f | %s | %s | %s |%n", (e.at() - start) / 1000.0, e.kind(), e.target(), e.detail()));
        }
        md.append("\n## Recovery after each kill -9\n\nOrders in flight at the kill (the saga wrote for them before and after it), and the latest ")
                .append("first progress among them, from the kill.\n\n| at (s) | instance | in flight | recovery (s) | slowest order |\n")
                .append("| ---: | --- | ---: | ---: | --- |\n");
        for (Recovery.Kill k : kills) {
            md.append(String.format(Locale.ROOT, "| %.1f | %s | %d | %.1f | %s |%n", (k.at() - start) / 1000.0, k.instance(), k.inFlight(),
                    k.recoveryMillis() / 1000.0, k.slowestOrder()));
        }
        md.append("\n## Audit\n\n");
        if (audit.examples().isEmpty()) {
            md.append("No finding.\n");
        }
        audit.examples().forEach((kind, examples) -> {
            md.append("### ").append(kind).append("\n\n");
            examples.forEach(e -> md.append("- ").append(e).append('\n'));
            md.append('\n');
        });
        Files.writeString(directory.resolve("report.md"), md);
    }

    private static void chart(Path file, long start, Timeline timeline, List<FaultLog.Event> faults) throws IOException {
        XYChart chart = new XYChartBuilder().width(1400).height(600).title("Soak: orders in flight and completed per second, faults marked")
                .xAxisTitle("seconds since the start").yAxisTitle("orders").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(0);
        XYSeries inFlight = chart.addSeries("in flight", timeline.seconds(), timeline.inFlight());
        inFlight.setLineColor(new Color(0x4C72B0));
        XYSeries completed = chart.addSeries("completed per second", timeline.seconds(), timeline.completed());
        completed.setLineColor(new Color(0x55A868));
        double top = 1;
        for (int i = 0; i < timeline.seconds().length; i++) {
            top = Math.max(top, Math.max(timeline.inFlight()[i], timeline.completed()[i]));
        }
        var inLegend = new java.util.HashSet<String>();
        int n = 0;
        for (FaultLog.Event e : faults) {
            double x = (e.at() - start) / 1000.0;
            String legend = switch (e.kind()) {
                case FaultLog.KILL, FaultLog.SIGTERM -> e.kind() + " " + (e.target().startsWith("app-") ? "instance" : e.target());
                default -> e.kind();
            };
            boolean first = inLegend.add(legend);
            XYSeries line = chart.addSeries(first ? legend : legend + " #" + n++, new double[] {x, x}, new double[] {0, top * 1.05});
            line.setLineColor(FAULT_COLORS.getOrDefault(e.kind(), Color.BLACK));
            line.setMarker(SeriesMarkers.NONE);
            boolean dashed = e.kind().equals(FaultLog.RESTART) || e.kind().equals(FaultLog.ES_START);
            line.setLineStyle(dashed ? new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f)
                    : new BasicStroke(1.5f));
            line.setShowInLegend(first);
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
