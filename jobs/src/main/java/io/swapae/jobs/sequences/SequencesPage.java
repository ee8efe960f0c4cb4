package io.swapae.jobs.sequences;

import io.swapae.video.FrameFolderWriter;
import io.swapae.video.VideoFormat;
import java.util.List;
import java.util.Map;

/**
 * {@code OUT/index.html}: the sequences of a run, each as a looping video ({@code <video>} for MP4, {@code <img>} for
 * GIF, the first frame linking to the frames folder for frames), with its id and params, and the failed ones with
 * their errors. Paths are relative, so the folder can be moved or served as it is.
 */
final class SequencesPage {

    /** A sequence as shown: its id, a line about what it is, and its frame count. */
    record Entry(String id, String caption, int frames) {
    }

    private SequencesPage() {
    }

    /** The page of {@code effect}'s completed sequences and failures, in {@code format}. */
    static String html(String effect, VideoFormat format, List<Entry> completed, Map<String, String> errors) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>swapae sequences: ")
                .append(escape(effect)).append("</title>\n<style>body{font-family:sans-serif;margin:1em}"
                        + " figure{display:inline-block;margin:0.5em;vertical-align:top}"
                        + " figcaption{font-size:small;max-width:32em;word-break:break-all}"
                        + " .error{color:#a00}</style></head><body>\n<h1>swapae sequences: ")
                .append(escape(effect)).append("</h1>\n");
        for (Entry e : completed) {
            b.append("<figure>");
            switch (format) {
                case MP4 -> b.append("<video src=\"videos/").append(escape(e.id())).append(".mp4\" controls loop"
                        + " autoplay muted playsinline></video>");
                case GIF -> b.append("<img src=\"videos/").append(escape(e.id())).append(".gif\" alt=\"")
                        .append(escape(e.id())).append("\">");
                case FRAMES -> b.append("<a href=\"sequences/").append(escape(e.id())).append("/\"><img src=\"sequences/")
                        .append(escape(e.id())).append('/').append(FrameFolderWriter.fileName(0)).append("\" alt=\"")
                        .append(escape(e.id())).append("\"></a>");
            }
            b.append("<figcaption>").append(escape(e.id())).append(" (").append(e.frames()).append(" frames)<br>")
                    .append(escape(e.caption())).append("</figcaption></figure>\n");
        }
        if (!errors.isEmpty()) {
            b.append("<h2>Failed</h2>\n<ul>\n");
            errors.forEach((id, error) -> b.append("<li class=\"error\">").append(escape(id)).append(": ")
                    .append(escape(error)).append("</li>\n"));
            b.append("</ul>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
