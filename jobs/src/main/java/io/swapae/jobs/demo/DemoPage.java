package io.swapae.jobs.demo;

import java.nio.file.Path;
import java.util.Locale;

/** The demo's {@code index.html}: the swap grid, the inputs, the model that made them, and where the tables are. */
final class DemoPage {

    private DemoPage() {
    }

    /** The page of {@code r}; every link is relative to the output folder, so the folder can be moved. */
    static String html(Demo.Result r) {
        int n = r.samples().size();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>swapae demo</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:72em;margin:2em auto;padding:0 1em;color:#222}\n")
                .append(".warning{background:#fff3cd;border:1px solid #e0b000;padding:.8em 1em}\n")
                .append("code{background:#f2f2f2;padding:0 .2em}\n")
                .append("td{padding:.2em .8em .2em 0;vertical-align:top}\n")
                .append("figure{display:inline-block;margin:0 .8em .8em 0}\n")
                .append("figcaption{font-size:.85em;text-align:center}\n")
                .append("img.grid{max-width:100%;image-rendering:pixelated}\n")
                .append("</style>\n</head>\n<body>\n<h1>swapae demo: swapping structure and texture</h1>\n");
        if (r.model().untrained()) {
            h.append("<p class=\"warning\"><b>Untrained model.</b> These images were made with ")
                    .append(escape(r.model().name())).append(". Its weights are random, so the reconstructions and")
                    .append(" swaps below come out as near-uniform gray with faint noise, nothing like the inputs:")
                    .append(" the page shows that everything runs, not what the method does. For real results: ")
                    .append(escape(DemoModel.REAL_MODEL_HINT)).append(".</p>\n");
        }
        h.append("<h2>Model</h2>\n<table>\n");
        row(h, "model", escape(r.model().name()));
        row(h, "fingerprint", "<code>" + escape(r.encode().model()) + "</code>");
        row(h, "preprocessing", "<code>" + escape(r.preprocess().toString()) + "</code>");
        row(h, "structure code", r.structureShape()[0] + " × " + r.structureShape()[1] + " × "
                + r.structureShape()[2] + " (channels × height × width)");
        row(h, "texture code", r.textureLength() + " values");
        h.append("</table>\n");

        h.append("<h2>Swap grid</h2>\n<p>The first row and the first column are the ").append(n)
                .append(" inputs as the model sees them (after its preprocessing). The cell in row <i>r</i>,")
                .append(" column <i>c</i> is the <b>structure code</b> of row <i>r</i>'s image decoded with the")
                .append(" <b>texture code</b> of column <i>c</i>'s image: along a row the layout stays and the")
                .append(" appearance changes; down a column the appearance stays and the layout changes. The")
                .append(" diagonal holds the reconstructions. The generator's noise is seeded by the seed (")
                .append(r.options().seed()).append(") and the row.</p>\n")
                .append("<p><img class=\"grid\" src=\"").append(link(r, r.grid())).append("\" width=\"")
                .append((n + 1) * r.cell().width()).append("\" alt=\"swap grid: ").append(n + 1).append(" × ")
                .append(n + 1).append(" cells of ").append(r.cell()).append("\"></p>\n");

        h.append("<h2>Inputs</h2>\n<p>").append(n).append(" procedural landscapes of ").append(r.sampleSize())
                .append(" × ").append(r.sampleSize()).append(" pixels, seed ").append(r.options().seed())
                .append(".</p>\n<div>\n");
        for (Path sample : r.samples()) {
            String src = link(r, sample);
            h.append("<figure><img src=\"").append(src).append("\" alt=\"").append(src).append("\"><figcaption>")
                    .append(src).append("</figcaption></figure>\n");
        }
        h.append("</div>\n");

        String root = link(r, r.encodeRoot());
        h.append("<h2>Files</h2>\n<table>\n");
        row(h, "<a href=\"" + root + "/codes/\">" + root + "/codes</a>", "the codes table (Parquet, one row per"
                + " image: content id, source, model fingerprint, preprocessing, structure and texture codes), by"
                + " committed run folders <code>run=&lt;id&gt;</code>");
        row(h, "<a href=\"" + root + "/errors/\">" + root + "/errors</a>", "the quarantine: inputs that could not"
                + " be encoded");
        row(h, "<a href=\"" + root + "/_run.json\">" + root + "/_run.json</a>", "the encode run's report: options,"
                + " versions, model, counts, timings");
        row(h, "<a href=\"" + link(r, r.grid()) + "\">" + link(r, r.grid()) + "</a>", "the swap grid");
        h.append("</table>\n");

        h.append("<h2>Run</h2>\n<p>").append(escape(String.format(Locale.ROOT,
                "encode run %s on Spark %s: %d inputs, %d encoded now, %d already encoded, %d errors, %.1f s.",
                r.encode().runId(), r.master(), r.encode().inputs(), r.encode().encoded(), r.encode().skipped(),
                r.encode().failed(), r.encode().seconds()))).append(" Rerunning <code>swapae demo</code> into this")
                .append(" folder encodes nothing again and rewrites the grid and this page.</p>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><td>").append(name).append("</td><td>").append(value).append("</td></tr>\n");
    }

    /** {@code target} relative to the output folder, with forward slashes. */
    private static String link(Demo.Result r, Path target) {
        return escape(r.output().relativize(target).toString().replace('\\', '/'));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
