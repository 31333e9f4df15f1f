package dev.ordersaga.benchmark.report;

import dev.ordersaga.benchmark.driver.OpenLoop;
import dev.ordersaga.benchmark.probes.ResidentMemory;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The benchmark's chart, drawn with XChart (headless) as one PNG of four panels: the closed loop's
 * latency by percentile and its throughput for the three configurations, the saga's open-loop p50, p99
 * and p99.9 against the arrival rate, and the resident memory of all processes over the run.
 */
public final class Chart {

    private static final int PANEL_WIDTH = 900;
    private static final int PANEL_HEIGHT = 520;
    private static final Color[] COLORS = {new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868), new Color(0x8172B3)};
    /** Points of the latency curve, over percentiles as "nines": 0 is p0, 1 is p90, 2 is p99, 3 is p99.9, 4 is p99.99. */
    private static final int CURVE_POINTS = 200;

    private Chart() {}

    public static void write(Path file, String title, List<ConfigResult> results, List<OpenLoop.Result> open, Report.Memory memory) throws IOException {
        List<org.knowm.xchart.internal.chartpart.Chart<?, ?>> charts = new ArrayList<>();
        charts.add(latencyByPercentile(title, results));
        charts.add(throughput(results));
        charts.add(openLoop(open));
        charts.add(residentMemory(memory));
        BitmapEncoder.saveBitmap(charts, 2, 2, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart latencyByPercentile(String title, List<ConfigResult> results) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title("Closed loop: latency by percentile — " + title)
                .xAxisTitle("percentile (0 = p0, 1 = p90, 2 = p99, 3 = p99.9, 4 = p99.99)").yAxisTitle("ms (log)").build();
        style(chart);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setXAxisDecimalPattern("0.0");
        for (ConfigResult r : results) {
            if (r.latency().getTotalCount() == 0) {
                continue;
            }
            double[] x = new double[CURVE_POINTS + 1];
            double[] y = new double[CURVE_POINTS + 1];
            for (int i = 0; i <= CURVE_POINTS; i++) {
                x[i] = 4.0 * i / CURVE_POINTS;
                y[i] = positive(r.latency().getValueAtPercentile(100.0 * (1 - Math.pow(10, -x[i]))) / 1000.0);
            }
            chart.addSeries(r.config(), x, y).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    private static CategoryChart throughput(List<ConfigResult> results) {
        CategoryChart chart = new CategoryChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title("Closed loop: throughput")
                .xAxisTitle("configuration").yAxisTitle("orders/s").build();
        style(chart);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setDecimalPattern("0.0");
        List<String> names = results.stream().map(ConfigResult::config).toList();
        List<Double> rates = results.stream().map(r -> Double.isNaN(r.ordersPerSecond()) ? 0.0 : r.ordersPerSecond()).toList();
        if (!names.isEmpty()) {
            chart.addSeries("orders/s", names, rates);
        }
        return chart;
    }

    private static XYChart openLoop(List<OpenLoop.Result> open) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title("Saga, open loop: latency against arrival rate")
                .xAxisTitle("arrival rate, orders/s (the points: 25, 50, 75 ... % of the closed-loop capacity)").yAxisTitle("ms (log)").build();
        style(chart);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern("0.0");
        if (open.isEmpty()) {
            return chart;
        }
        double[] rates = open.stream().mapToDouble(OpenLoop.Result::ratePerSecond).toArray();
        for (double percentile : new double[] {50, 99, 99.9}) {
            double[] ms = open.stream().mapToDouble(r -> positive(r.block().percentileMillis(percentile))).toArray();
            XYSeries series = chart.addSeries(String.format(Locale.ROOT, "p%s", percentile == 99.9 ? "99.9" : Integer.toString((int) percentile)),
                    rates, ms);
            series.setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    private static XYChart residentMemory(Report.Memory memory) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(String.format(Locale.ROOT,
                "Resident memory of all processes (peak %d MB)", memory.peakMb())).xAxisTitle("seconds since start")
                .yAxisTitle("MB").build();
        style(chart);
        chart.getStyler().setMarkerSize(0);
        var samples = memory.samples();
        if (samples.isEmpty()) {
            return chart;
        }
        double[] t = samples.stream().mapToDouble(s -> s.elapsedMillis() / 1000.0).toArray();
        chart.addSeries("all processes", t, samples.stream().mapToDouble(ResidentMemory.Sample::totalMb).toArray());
        chart.addSeries("this JVM", t, samples.stream().mapToDouble(ResidentMemory.Sample::jvmMb).toArray());
        chart.addSeries("Elasticsearch node", t, samples.stream().mapToDouble(ResidentMemory.Sample::childrenMb).toArray());
        return chart;
    }

    /** A value a log axis can take: a block without orders (NaN) or a zero is drawn at 0.01 ms. */
    private static double positive(double ms) {
        return Double.isNaN(ms) ? 0.01 : Math.max(0.01, ms);
    }

    private static void style(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        Styler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.InsideNW);
        styler.setSeriesColors(COLORS);
        styler.setAntiAlias(true);
    }
}
