package io.swapae.jobs.directions;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code CAT/index.html}: one self-contained page to browse a catalogue: what it was fitted on, a scree plot (inline
 * SVG: explained variance per component and cumulated), and per component its eigenvalue, explained variance, sigma
 * and preview strip.
 */
final class IndexPage {

    private static final int PLOT_WIDTH = 640;
    private static final int PLOT_HEIGHT = 240;
    private static final int MARGIN = 40;

    private IndexPage() {
    }

    /** The page for {@code catalogue}, showing {@code strips} (component → file relative to the folder). */
    static String html(DirectionCatalogue catalogue, String codeSource, Map<Integer, String> strips) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(escape("Direction catalogue " + catalogue.id())).append("</title>\n<style>")
                .append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse}")
                .append("td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:right;vertical-align:middle}")
                .append("td.strip,th.strip{text-align:left}img{max-width:100%;image-rendering:pixelated}")
                .append(".bar{fill:#4a7ab7}.cum{fill:none;stroke:#c44;stroke-width:2}.axis{stroke:#444}")
                .append("</style></head><body>\n");
        h.append("<h1>Direction catalogue <code>").append(escape(catalogue.id())).append("</code></h1>\n<p>")
                .append(escape(catalogue.space().label())).append(" codes, vectors of shape ")
                .append(escape(Arrays.toString(catalogue.vectorShape()))).append(", ")
                .append(catalogue.codes()).append(" codes (").append(catalogue.vectors())
                .append(" vectors) from <code>")
                .append(escape(codeSource)).append("</code>, model <code>").append(escape(catalogue.model()))
                .append("</code>. Total variance ").append(number(catalogue.totalVariance())).append(".</p>\n");
        h.append("<h2>Scree plot</h2>\n").append(scree(catalogue.directions()));
        h.append("<h2>Components</h2>\n<p>Each strip moves a few codes along the direction by ");
        for (int i = 0; i < PreviewRenderer.STEPS.length; i++) {
            h.append(i == 0 ? "" : ", ").append(sigmas(PreviewRenderer.STEPS[i]));
        }
        h.append(" (left to right; one row per code).</p>\n<table>\n<tr><th>component</th><th>eigenvalue</th>")
                .append("<th>explained variance</th><th>cumulative</th><th>σ</th>")
                .append("<th class=\"strip\">preview</th></tr>\n");
        double cumulative = 0;
        for (DirectionCatalogue.Direction d : catalogue.directions()) {
            cumulative += d.explainedVarianceRatio();
            h.append("<tr><td>").append(d.component()).append("</td><td>").append(number(d.eigenvalue()))
                    .append("</td><td>").append(percent(d.explainedVarianceRatio())).append("</td><td>")
                    .append(percent(cumulative)).append("</td><td>").append(number(d.sigma()))
                    .append("</td><td class=\"strip\">");
            String strip = strips.get(d.component());
            if (strip != null) {
                h.append("<img src=\"").append(escape(strip)).append("\" alt=\"component ").append(d.component())
                        .append(" from -3 to +3 sigma\">");
            }
            h.append("</td></tr>\n");
        }
        return h.append("</table>\n</body></html>\n").toString();
    }

    /** Bars of the explained variance ratio per component and a line of the cumulative ratio, both on 0..1. */
    static String scree(List<DirectionCatalogue.Direction> directions) {
        int k = directions.size();
        double inner = PLOT_WIDTH - 2.0 * MARGIN;
        double top = MARGIN / 2.0;
        double bottom = PLOT_HEIGHT - MARGIN;
        double slot = inner / k;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " role=\"img\" aria-label=\"scree plot\">\n", PLOT_WIDTH, PLOT_HEIGHT));
        s.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>"
                + "<line class=\"axis\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>\n", MARGIN, bottom,
                PLOT_WIDTH - MARGIN, bottom, MARGIN, top, MARGIN, bottom));
        s.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%.1f\" font-size=\"11\">100%%</text>"
                + "<text x=\"4\" y=\"%.1f\" font-size=\"11\">0%%</text>\n", top + 4, bottom));
        StringBuilder line = new StringBuilder();
        double cumulative = 0;
        for (DirectionCatalogue.Direction d : directions) {
            double x = MARGIN + d.component() * slot;
            double barHeight = (bottom - top) * d.explainedVarianceRatio();
            s.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\""
                            + " height=\"%.1f\"><title>component %d: %s</title></rect>\n", x + slot * 0.1,
                    bottom - barHeight, slot * 0.8, barHeight, d.component(), percent(d.explainedVarianceRatio())));
            if (k <= 40 || d.component() % 10 == 0) {
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\""
                        + " text-anchor=\"middle\">%d</text>\n", x + slot / 2, bottom + 12, d.component()));
            }
            cumulative += d.explainedVarianceRatio();
            line.append(String.format(Locale.ROOT, "%s%.1f,%.1f", line.length() == 0 ? "" : " ", x + slot / 2,
                    bottom - (bottom - top) * cumulative));
        }
        s.append("<polyline class=\"cum\" points=\"").append(line).append("\"/>\n");
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">component (bars: explained"
                + " variance; line: cumulative)</text>\n", MARGIN, PLOT_HEIGHT - 12));
        return s.append("</svg>\n").toString();
    }

    /** A step as {@code −3σ}, {@code 0}, {@code +1σ}. */
    static String sigmas(double step) {
        return step == 0 ? "0" : String.format(Locale.ROOT, "%s%.0fσ", step < 0 ? "−" : "+", Math.abs(step));
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * ratio);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
