package dev.ordersaga.benchmark;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The benchmark's chart, plain Java2D (headless): latency by percentile, p50/p99/p99.9 side by side, and
 * throughput, for the three configurations.
 */
final class Chart {

    private static final int WIDTH = 1800;
    private static final int HEIGHT = 640;
    private static final Color[] COLORS = {new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868), new Color(0x8172B3)};
    private static final double[] PERCENTILES = {50, 99, 99.9};

    private Chart() {}

    static void write(Path file, String title, List<ConfigResult> results) throws IOException {
        var image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
        g.drawString(title, 30, 34);
        legend(g, results, 30, 62);

        double maxMs = 1;
        double minMs = Double.MAX_VALUE;
        for (ConfigResult r : results) {
            if (r.latency().getTotalCount() > 0) {
                maxMs = Math.max(maxMs, r.maxMillis());
                minMs = Math.min(minMs, Math.max(0.01, r.latency().getMinValue() / 1000.0));
            }
        }
        double logMin = Math.floor(Math.log10(minMs == Double.MAX_VALUE ? 0.1 : minMs));
        double logMax = Math.ceil(Math.log10(maxMs));
        if (logMax <= logMin) {
            logMax = logMin + 1;
        }
        int top = 100;
        int bottom = HEIGHT - 70;
        percentileCurves(g, results, 90, top, 560, bottom, logMin, logMax);
        percentileBars(g, results, 730, top, 520, bottom, logMin, logMax);
        throughputBars(g, results, 1350, top, 420, bottom);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void legend(Graphics2D g, List<ConfigResult> results, int x, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        for (int i = 0; i < results.size(); i++) {
            g.setColor(color(results.get(i)));
            g.fillRect(x, y - 12, 24, 14);
            g.setColor(Color.BLACK);
            String label = results.get(i).config();
            g.drawString(label, x + 32, y);
            x += 60 + g.getFontMetrics().stringWidth(label);
        }
    }

    /** Latency (log) over percentile (log of 1/(1-p)), 0 % to 99.99 %. */
    private static void percentileCurves(Graphics2D g, List<ConfigResult> results, int x, int top, int width, int bottom,
            double logMin, double logMax) {
        panelTitle(g, "Latency by percentile (ms, log scale)", x, top);
        logAxis(g, x, top, width, bottom, logMin, logMax);
        String[] ticks = {"0%", "90%", "99%", "99.9%", "99.99%"};
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int i = 0; i < ticks.length; i++) {
            int tx = x + (int) (width * i / 4.0);
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(tx, top, tx, bottom);
            g.setColor(Color.BLACK);
            g.drawString(ticks[i], tx - g.getFontMetrics().stringWidth(ticks[i]) / 2, bottom + 18);
        }
        g.drawString("percentile", x + width / 2 - 30, bottom + 38);
        for (int c = 0; c < results.size(); c++) {
            var histogram = results.get(c).latency();
            if (histogram.getTotalCount() == 0) {
                continue;
            }
            var path = new Path2D.Double();
            for (int i = 0; i <= 400; i++) {
                double nines = 4.0 * i / 400;
                double percentile = 100.0 * (1 - Math.pow(10, -nines));
                double ms = Math.max(histogram.getValueAtPercentile(percentile) / 1000.0, Math.pow(10, logMin));
                double px = x + width * nines / 4.0;
                double py = bottom - (bottom - top) * (Math.log10(ms) - logMin) / (logMax - logMin);
                if (i == 0) {
                    path.moveTo(px, py);
                } else {
                    path.lineTo(px, py);
                }
            }
            g.setColor(color(results.get(c)));
            g.setStroke(new BasicStroke(3f));
            g.draw(path);
            g.setStroke(new BasicStroke(1f));
        }
    }

    private static void percentileBars(Graphics2D g, List<ConfigResult> results, int x, int top, int width, int bottom,
            double logMin, double logMax) {
        panelTitle(g, "p50 / p99 / p99.9 latency (ms, log scale)", x, top);
        logAxis(g, x, top, width, bottom, logMin, logMax);
        int groups = PERCENTILES.length;
        double groupWidth = (double) width / groups;
        double barWidth = groupWidth * 0.8 / Math.max(1, results.size());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int p = 0; p < groups; p++) {
            double gx = x + p * groupWidth + groupWidth * 0.1;
            for (int c = 0; c < results.size(); c++) {
                double ms = results.get(c).percentileMillis(PERCENTILES[p]);
                if (Double.isNaN(ms)) {
                    continue;
                }
                double clamped = Math.max(ms, Math.pow(10, logMin));
                int h = (int) ((bottom - top) * (Math.log10(clamped) - logMin) / (logMax - logMin));
                int bx = (int) (gx + c * barWidth);
                g.setColor(color(results.get(c)));
                g.fillRect(bx, bottom - h, (int) barWidth - 4, h);
                g.setColor(Color.BLACK);
                String label = number(ms);
                g.drawString(label, bx + (int) (barWidth - 4 - g.getFontMetrics().stringWidth(label)) / 2, bottom - h - 5);
            }
            g.setColor(Color.BLACK);
            String name = "p" + (PERCENTILES[p] == Math.rint(PERCENTILES[p]) ? Integer.toString((int) PERCENTILES[p]) : Double.toString(PERCENTILES[p]));
            g.drawString(name, (int) (x + p * groupWidth + groupWidth / 2 - g.getFontMetrics().stringWidth(name) / 2.0), bottom + 18);
        }
    }

    private static void throughputBars(Graphics2D g, List<ConfigResult> results, int x, int top, int width, int bottom) {
        panelTitle(g, "Throughput (orders/s)", x, top);
        double max = results.stream().mapToDouble(ConfigResult::ordersPerSecond).filter(v -> !Double.isNaN(v)).max().orElse(1);
        double scaleMax = niceCeiling(max * 1.1);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(Color.BLACK);
        g.drawLine(x, top, x, bottom);
        g.drawLine(x, bottom, x + width, bottom);
        for (int i = 0; i <= 5; i++) {
            double v = scaleMax * i / 5;
            int y = bottom - (int) ((bottom - top) * v / scaleMax);
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(x + 1, y, x + width, y);
            g.setColor(Color.BLACK);
            String label = String.format(Locale.ROOT, scaleMax >= 10 ? "%.0f" : "%.1f", v);
            g.drawString(label, x - 8 - g.getFontMetrics().stringWidth(label), y + 5);
        }
        double slot = (double) width / Math.max(1, results.size());
        for (int c = 0; c < results.size(); c++) {
            double v = results.get(c).ordersPerSecond();
            if (Double.isNaN(v)) {
                continue;
            }
            int h = (int) ((bottom - top) * v / scaleMax);
            int bx = (int) (x + c * slot + slot * 0.15);
            int bw = (int) (slot * 0.7);
            g.setColor(color(results.get(c)));
            g.fillRect(bx, bottom - h, bw, h);
            g.setColor(Color.BLACK);
            String label = number(v);
            g.drawString(label, bx + (bw - g.getFontMetrics().stringWidth(label)) / 2, bottom - h - 5);
            String name = results.get(c).config();
            g.drawString(name, bx + (bw - g.getFontMetrics().stringWidth(name)) / 2, bottom + 18);
            String cpu = String.format(Locale.ROOT, "%.1f CPU ms", results.get(c).cpuMillisPerOrder());
            g.drawString(cpu, bx + (bw - g.getFontMetrics().stringWidth(cpu)) / 2, bottom + 36);
            g.drawString("per order", bx + (bw - g.getFontMetrics().stringWidth("per order")) / 2, bottom + 52);
        }
    }

    private static void panelTitle(Graphics2D g, String title, int x, int top) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, x, top - 14);
    }

    private static void logAxis(Graphics2D g, int x, int top, int width, int bottom, double logMin, double logMax) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (double e = logMin; e <= logMax + 1e-9; e++) {
            int y = bottom - (int) ((bottom - top) * (e - logMin) / (logMax - logMin));
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(x + 1, y, x + width, y);
            g.setColor(Color.BLACK);
            String label = number(Math.pow(10, e));
            g.drawString(label, x - 8 - g.getFontMetrics().stringWidth(label), y + 5);
        }
        g.setColor(Color.BLACK);
        g.drawLine(x, top, x, bottom);
        g.drawLine(x, bottom, x + width, bottom);
    }

    private static double niceCeiling(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String number(double v) {
        if (v >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** The same colour for a configuration in every chart, whichever configurations ran. */
    private static Color color(ConfigResult result) {
        int i = BenchmarkSettings.ALL.indexOf(result.config());
        return COLORS[(i < 0 ? COLORS.length - 1 : i) % COLORS.length];
    }
}
