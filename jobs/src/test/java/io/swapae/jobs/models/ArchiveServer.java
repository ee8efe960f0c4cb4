package io.swapae.jobs.models;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP server on 127.0.0.1 that serves files from memory as a release server does, with {@code Range} support
 * (206, 416), and misbehaviours to order: dropping the connection after some bytes of the first response (closing
 * an exchange before its declared length was sent drops the connection), stalling after them, failing the first
 * request with a status, or ignoring ranges. It records the {@code Range} header of every request ("" when there was none).
 */
final class ArchiveServer implements AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private volatile long dropFirstResponseAfter = -1;
    private volatile boolean ignoreRanges;
    private volatile boolean stallFirstResponse;
    private volatile int firstStatus;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ExecutorService handlers = Executors.newCachedThreadPool();

    ArchiveServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    /** Serves {@code bytes} as {@code /models/NAME}. */
    ArchiveServer serve(String name, byte[] bytes) {
        files.put("/models/" + name, bytes);
        return this;
    }

    /** The base URL of the served files. */
    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/models/");
    }

    /** The first response is cut after {@code bytes} bytes of its body. */
    ArchiveServer dropFirstResponseAfter(long bytes) {
        dropFirstResponseAfter = bytes;
        return this;
    }

    /** The first request is answered with {@code status} and no body. */
    ArchiveServer failFirstRequestWith(int status) {
        firstStatus = status;
        return this;
    }

    /** The first response sends {@code bytes} bytes of its body, then nothing until the server stops. */
    ArchiveServer stallFirstResponseAfter(long bytes) {
        dropFirstResponseAfter = bytes;
        stallFirstResponse = true;
        return this;
    }

    /** Answers every request with the whole file (200), as servers without range support do. */
    ArchiveServer ignoreRanges() {
        ignoreRanges = true;
        return this;
    }

    /** The {@code Range} header of each request so far, in order ("" for none). */
    List<String> ranges() {
        return List.copyOf(ranges);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String range = exchange.getRequestHeaders().getFirst("Range");
            ranges.add(range == null ? "" : range);
            boolean first = ranges.size() == 1;
            byte[] file = files.get(exchange.getRequestURI().getPath());
            if (first && firstStatus != 0) {
                exchange.sendResponseHeaders(firstStatus, -1);
                return;
            }
            if (file == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            int start = 0;
            int status = 200;
            Matcher m = range == null || ignoreRanges ? null : RANGE.matcher(range);
            if (m != null && m.matches()) {
                start = Integer.parseInt(m.group(1));
                if (start >= file.length) {
                    exchange.getResponseHeaders().set("Content-Range", "bytes */" + file.length);
                    exchange.sendResponseHeaders(416, -1);
                    return;
                }
                status = 206;
                exchange.getResponseHeaders().set("Content-Range",
                        "bytes " + start + "-" + (file.length - 1) + "/" + file.length);
            }
            int length = file.length - start;
            exchange.sendResponseHeaders(status, length);
            OutputStream body = exchange.getResponseBody();
            long cut = first ? dropFirstResponseAfter : -1;
            if (cut >= 0 && cut < length) {
                body.write(file, start, (int) cut);
                body.flush();
                if (stallFirstResponse) {
                    awaitClose();
                }
                return;
            }
            body.write(file, start, length);
        }
    }

    private void awaitClose() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }
}
