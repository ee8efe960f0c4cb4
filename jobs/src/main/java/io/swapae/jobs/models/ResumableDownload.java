package io.swapae.jobs.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads a file over HTTP(S) into {@code TARGET.part} and renames it to {@code TARGET} once complete. A
 * {@code .part} left by an interrupted run, or by a connection lost during this one, is resumed with a
 * {@code Range} request; a server that ignores the range (200), answers with another range, or refuses it (416) is
 * handled by starting over. A response that sends nothing for a while is given up like a lost connection. A
 * connection lost before any new byte arrived, or a server error (5xx), is retried a few times with a pause; other
 * statuses end the download.
 */
public final class ResumableDownload {

    /** How a range reply's {@code Content-Range} reads: {@code bytes START-END/TOTAL} or {@code bytes *}{@code /TOTAL}. */
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(?:(\\d+)-(\\d+)|\\*)/(\\d+|\\*)");
    private static final String PART = ".part";
    private static final int BUFFER = 1 << 16;
    private static final int MAX_RESTARTS = 3;

    private final HttpClient client;
    private final DownloadProgress progress;
    private final int attempts;
    private final Duration pause;
    private final Duration stall;

    /**
     * @param attempts how many times in a row a request may fail without bringing new bytes before giving up
     * @param pause    the wait before retrying such a failure (times the failures so far)
     * @param stall    how long a response may send nothing before the request is given up and retried
     */
    public ResumableDownload(HttpClient client, DownloadProgress progress, int attempts, Duration pause,
                             Duration stall) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1, got " + attempts);
        }
        this.client = client;
        this.progress = progress;
        this.attempts = attempts;
        this.pause = pause;
        this.stall = stall;
    }

    /** An HTTP client that follows redirects, as downloads need. */
    public static HttpClient httpClient() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
    }

    /** The partial file of a download to {@code target}. */
    public static Path partOf(Path target) {
        return target.resolveSibling(target.getFileName() + PART);
    }

    /** Downloads {@code url} to {@code target}, resuming what an earlier attempt left in its {@code .part}. */
    public void fetch(URI url, Path target) throws IOException {
        Path part = partOf(target);
        Files.createDirectories(target.toAbsolutePath().getParent());
        String label = target.getFileName().toString();
        int failures = 0;
        int restarts = 0;
        while (true) {
            long before = Files.exists(part) ? Files.size(part) : 0;
            boolean complete;
            try {
                complete = attempt(url, part, before, label);
            } catch (HttpStatusException e) {
                throw e;
            } catch (IOException e) {
                long after = Files.exists(part) ? Files.size(part) : 0;
                failures = after > before ? 0 : failures + 1;
                if (failures >= attempts) {
                    throw new IOException("download of " + url + " failed after " + after + " bytes: " + e.getMessage()
                            + "; run the command again to resume it", e);
                }
                sleep(pause.multipliedBy(failures));
                continue;
            }
            if (complete) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return;
            }
            if (++restarts > MAX_RESTARTS) {
                throw new IOException("download of " + url + ": the server keeps refusing to resume at byte "
                        + before + " and starting over did not help");
            }
        }
    }

    /** One request; true when {@code part} now holds the whole file, false when the next request must start over. */
    private boolean attempt(URI url, Path part, long have, String label) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response = send(request.build());
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 416) {
                long total = contentRange(response).map(m -> m.group(3)).filter(t -> !t.equals("*"))
                        .map(Long::parseLong).orElse(-1L);
                if (total == have) {
                    return true;
                }
                Files.deleteIfExists(part);
                return false;
            }
            boolean append;
            long total;
            if (status == 206) {
                Matcher range = contentRange(response).orElse(null);
                if (range == null || range.group(1) == null || Long.parseLong(range.group(1)) != have) {
                    Files.deleteIfExists(part);
                    return false;
                }
                append = true;
                total = range.group(3).equals("*") ? -1 : Long.parseLong(range.group(3));
            } else if (status == 200) {
                append = false;
                OptionalLong length = response.headers().firstValueAsLong("Content-Length");
                total = length.isPresent() ? length.getAsLong() : -1;
            } else if (status >= 500) {
                throw new IOException("GET " + url + " answered HTTP " + status);
            } else {
                throw new HttpStatusException("GET " + url + " answered HTTP " + status
                        + (status == 404 ? " (not found)" : ""));
            }
            long start = append ? have : 0;
            progress.start(label, start, total);
            try (OutputStream out = append
                    ? Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                    : Files.newOutputStream(part);
                 StallGuard guard = new StallGuard(body, stall)) {
                byte[] buffer = new byte[BUFFER];
                try {
                    for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                        out.write(buffer, 0, n);
                        guard.advanced();
                        progress.advance(n);
                    }
                } catch (IOException e) {
                    throw guard.stalled() ? new IOException(String.format(Locale.ROOT,
                            "no data for %.1f s", stall.toMillis() / 1000.0), e) : e;
                }
            } finally {
                progress.finish();
            }
            long size = Files.size(part);
            if (total >= 0 && size != total) {
                throw new IOException("the connection ended after " + size + " of " + total + " bytes");
            }
            return true;
        }
    }

    private HttpResponse<InputStream> send(HttpRequest request) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + request.uri(), e);
        }
    }

    private static Optional<Matcher> contentRange(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Range").map(CONTENT_RANGE::matcher).filter(Matcher::matches);
    }

    private static void sleep(Duration d) throws IOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to retry a download", e);
        }
    }

    /** The server answered with a status that retrying will not change (not found, forbidden, ...). */
    static final class HttpStatusException extends IOException {

        private static final long serialVersionUID = 1L;

        HttpStatusException(String message) {
            super(message);
        }
    }
}
