package io.swapae.jobs.generate;

import io.swapae.image.BicubicResampler;
import io.swapae.image.ImageEncoder;
import io.swapae.image.RgbImage;
import io.swapae.jobs.storage.TableCommits;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

import static org.apache.spark.sql.functions.col;

/**
 * The gallery of an output root: {@code OUT/gallery/<run>/page-N.html} per run of {@code OUT/generated}, pages of
 * thumbnails with what made each picture, and {@code OUT/index.html} listing the runs. Thumbnails are made on the
 * executors from the stored pictures (files or table bytes) and embedded in the pages, so a gallery also shows a
 * dataset kept only in Parquet; a run's first {@value #MAX_PICTURES} pictures are shown.
 */
public final class GalleryPage {

    /** Pictures per page. */
    static final int PER_PAGE = 60;
    /** Pictures of a run shown at most. */
    static final int MAX_PICTURES = 1200;
    private static final int THUMBNAIL = 160;

    /** A picture of the gallery: what made it and its thumbnail as JPEG bytes. */
    private record Entry(String id, String op, String params, String uri, int width, int height, byte[] thumbnail)
            implements Serializable {
    }

    private GalleryPage() {
    }

    /** Writes the pages of run {@code run} and the index of all runs; returns the first page's path under OUT. */
    public static String write(SparkSession spark, String output, String run, String title) throws IOException {
        SerializableConfiguration conf = new SerializableConfiguration(spark.sessionState().newHadoopConf());
        List<Entry> entries = GeneratedTable.read(spark, output).where(col(TableCommits.RUN_COLUMN).equalTo(run))
                .orderBy(col("structure_ids"), col("texture_ids"), col("params"), col("id")).limit(MAX_PICTURES)
                .javaRDD().map(r -> entry(r, conf)).collect();
        long total = GeneratedTable.read(spark, output).where(col(TableCommits.RUN_COLUMN).equalTo(run)).count();
        Configuration hadoop = conf.value();
        int pages = Math.max(1, (entries.size() + PER_PAGE - 1) / PER_PAGE);
        for (int p = 0; p < pages; p++) {
            List<Entry> page = entries.subList(p * PER_PAGE, Math.min(entries.size(), (p + 1) * PER_PAGE));
            ImageFiles.write(new Path(output, pagePath(run, p)).toString(),
                    page(title, run, page, p, pages, total, output).getBytes(StandardCharsets.UTF_8), hadoop);
        }
        ImageFiles.write(new Path(output, "index.html").toString(),
                index(spark, output).getBytes(StandardCharsets.UTF_8), hadoop);
        return pagePath(run, 0);
    }

    static String pagePath(String run, int page) {
        return "gallery/" + run + "/page-" + (page + 1) + ".html";
    }

    private static Entry entry(Row r, SerializableConfiguration conf) throws IOException {
        String uri = r.getAs("uri");
        byte[] bytes = r.getAs("image");
        if (bytes == null) {
            bytes = ImageFiles.read(uri, conf.value());
        }
        RgbImage image = ImageFiles.decode(bytes, uri == null ? r.getAs("id") : uri);
        double scale = (double) THUMBNAIL / Math.max(image.width(), image.height());
        RgbImage small = scale < 1 ? BicubicResampler.resize(image, Math.max(1, (int) Math.round(image.width() * scale)),
                Math.max(1, (int) Math.round(image.height() * scale))) : image;
        return new Entry(r.getAs("id"), r.getAs("op"), r.getAs("params"), uri, r.getAs("width"), r.getAs("height"),
                ImageEncoder.jpeg(small, 85));
    }

    private static String page(String title, String run, List<Entry> entries, int page, int pages, long total,
                               String output) {
        StringBuilder html = new StringBuilder();
        html.append("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>").append(escape(title))
                .append(" · ").append(escape(run)).append("</title>\n<style>body{font-family:sans-serif;margin:1em}"
                        + "figure{display:inline-block;margin:4px;width:").append(THUMBNAIL + 4)
                .append("px;vertical-align:top}figcaption{font-size:11px;word-break:break-all;color:#444}"
                        + "img{display:block}nav a{margin-right:.5em}</style></head><body>\n<h1>")
                .append(escape(title)).append("</h1>\n<p>run ").append(escape(run)).append(": ").append(total)
                .append(" pictures").append(total > MAX_PICTURES ? ", the first " + MAX_PICTURES + " shown; all are in"
                        + " generated/" : "").append(" · <a href=\"../../index.html\">all runs</a></p>\n");
        html.append(navigation(run, page, pages));
        for (Entry e : entries) {
            String img = "<img src=\"data:image/jpeg;base64," + Base64.getEncoder().encodeToString(e.thumbnail())
                    + "\" alt=\"" + e.id() + "\" title=\"" + escape(e.params()) + "\">";
            String link = e.uri() == null ? null : relative(e.uri(), output);
            html.append("<figure>").append(link == null ? img : "<a href=\"" + escape(link) + "\">" + img + "</a>")
                    .append("<figcaption>").append(escape(e.op())).append(" ").append(escape(e.params()))
                    .append("<br>").append(e.width()).append("×").append(e.height()).append(" ").append(e.id())
                    .append("</figcaption></figure>\n");
        }
        html.append(navigation(run, page, pages)).append("</body></html>\n");
        return html.toString();
    }

    private static String navigation(String run, int page, int pages) {
        if (pages == 1) {
            return "";
        }
        StringBuilder nav = new StringBuilder("<nav>");
        for (int p = 0; p < pages; p++) {
            nav.append(p == page ? "<b>" + (p + 1) + "</b> " : "<a href=\"page-" + (p + 1) + ".html\">" + (p + 1)
                    + "</a>");
        }
        return nav.append("</nav>\n").toString();
    }

    private static String index(SparkSession spark, String output) {
        StringBuilder html = new StringBuilder("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>swapae"
                + " output</title><style>body{font-family:sans-serif;margin:1em}</style></head><body>\n"
                + "<h1>Generated pictures</h1>\n<ul>\n");
        List<String> runs = new ArrayList<>(TableCommits.committedRuns(spark, GeneratedTable.under(output)));
        for (Row r : GeneratedTable.read(spark, output).groupBy(TableCommits.RUN_COLUMN, "op").count()
                .orderBy(TableCommits.RUN_COLUMN).collectAsList()) {
            String run = r.getString(0);
            if (runs.contains(run)) {
                html.append(String.format(Locale.ROOT, "<li><a href=\"%s\">%s</a>: %s, %d pictures</li>%n",
                        escape(pagePath(run, 0)), escape(run), escape(r.getString(1)), r.getLong(2)));
            }
        }
        return html.append("</ul>\n<p>Every picture has a row in <code>generated/</code> (Parquet).</p>\n"
                + "</body></html>\n").toString();
    }

    /** {@code uri} relative to the output root when it lies under it, so the pages work wherever OUT is copied. */
    static String relative(String uri, String output) {
        URI root = new Path(output).toUri();
        URI picture = new Path(uri).toUri();
        String prefix = root.getPath().endsWith("/") ? root.getPath() : root.getPath() + "/";
        boolean sameStore = Objects.equals(root.getScheme(), picture.getScheme())
                && Objects.equals(root.getAuthority(), picture.getAuthority());
        if (sameStore && picture.getPath().startsWith(prefix)) {
            return "../../" + picture.getPath().substring(prefix.length());
        }
        return uri;
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
