package io.swapae.jobs.models;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** What the model installers share: choosing the base URL of a download, and deleting what a failed one left. */
final class InstallFiles {

    private InstallFiles() {
    }

    /**
     * {@code given}, else {@code fromEnvironment}, else {@code fallback}; refuses a value that is not an http(s) URI,
     * naming it as the base URL of {@code what} ("models", "CLIP").
     */
    static URI baseUrl(String given, String fromEnvironment, URI fallback, String what) {
        String url = given != null ? given : fromEnvironment;
        if (url == null || url.isBlank()) {
            return fallback;
        }
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + what + " base URL '" + url + "' is not a URI: "
                    + e.getMessage());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("the " + what + " base URL must be http:// or https://, got '" + url
                    + "'");
        }
        return uri;
    }

    /** Deletes {@code dir} and everything in it; nothing when it does not exist. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
