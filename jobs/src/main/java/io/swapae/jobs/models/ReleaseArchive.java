package io.swapae.jobs.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A downloaded release archive ({@code checkpoints/<name>_pretrained/latest_checkpoint.pth} beside test images):
 * finds one model's checkpoint in it and extracts it, checking its size and CRC-32. Anything wrong with the archive
 * itself is a {@link CorruptArchiveException}; failures to write the extracted file are plain {@link IOException}s.
 */
final class ReleaseArchive {

    private static final String PREFERRED = "latest_checkpoint.pth";
    private static final int BUFFER = 1 << 16;

    private ReleaseArchive() {
    }

    /** Extracts the checkpoint in {@code folder} of {@code archive} to {@code target}; returns its entry name. */
    static String extractCheckpoint(Path archive, String folder, Path target) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(archive.toFile());
        } catch (IOException e) {
            throw new CorruptArchiveException(archive.getFileName() + " is not a readable zip archive ("
                    + e.getMessage() + ")", e);
        }
        try (zip) {
            ZipEntry entry = find(zip, archive, folder);
            copy(zip, entry, archive, target);
            return entry.getName();
        }
    }

    /** The entry {@code .../<folder>/*checkpoint.pth}, {@code latest_checkpoint.pth} preferred. */
    private static ZipEntry find(ZipFile zip, Path archive, String folder) throws CorruptArchiveException {
        Pattern name = Pattern.compile("(?:.*/)?" + Pattern.quote(folder) + "/[^/]*checkpoint\\.pth");
        List<? extends ZipEntry> found;
        try {
            found = zip.stream().filter(e -> !e.isDirectory() && name.matcher(e.getName()).matches())
                    .sorted(Comparator.comparing(ZipEntry::getName)).collect(Collectors.toList());
        } catch (RuntimeException e) {
            throw new CorruptArchiveException(archive.getFileName() + " has an unreadable entry list (" + e.getMessage()
                    + ")", e);
        }
        List<? extends ZipEntry> latest = found.stream().filter(e -> e.getName().endsWith("/" + PREFERRED)).toList();
        List<? extends ZipEntry> candidates = latest.isEmpty() ? found : latest;
        if (candidates.size() != 1) {
            throw new CorruptArchiveException(archive.getFileName() + (candidates.isEmpty()
                    ? " holds no checkpoint of " + folder + " (no entry */" + folder + "/*checkpoint.pth)"
                    : " holds several checkpoints of " + folder + ": " + candidates.stream().map(ZipEntry::getName)
                            .collect(Collectors.joining(", "))));
        }
        return candidates.get(0);
    }

    private static void copy(ZipFile zip, ZipEntry entry, Path archive, Path target) throws IOException {
        String where = archive.getFileName() + "!" + entry.getName();
        CRC32 crc = new CRC32();
        long size = 0;
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = open(zip, entry, where); OutputStream out = Files.newOutputStream(target)) {
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException e) {
                    throw new CorruptArchiveException(where + " cannot be read (" + e.getMessage() + ")", e);
                }
                if (n < 0) {
                    break;
                }
                size += n;
                if (entry.getSize() >= 0 && size > entry.getSize()) {
                    throw new CorruptArchiveException(where + " is longer than the " + entry.getSize()
                            + " bytes its entry declares");
                }
                crc.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        if (entry.getSize() >= 0 && size != entry.getSize()) {
            throw new CorruptArchiveException(where + " has " + size + " bytes but its entry declares "
                    + entry.getSize());
        }
        if (entry.getCrc() >= 0 && crc.getValue() != entry.getCrc()) {
            throw new CorruptArchiveException(where + " fails its CRC-32 check (" + Long.toHexString(crc.getValue())
                    + ", expected " + Long.toHexString(entry.getCrc()) + ")");
        }
    }

    private static InputStream open(ZipFile zip, ZipEntry entry, String where) throws CorruptArchiveException {
        try {
            return zip.getInputStream(entry);
        } catch (IOException e) {
            throw new CorruptArchiveException(where + " cannot be opened (" + e.getMessage() + ")", e);
        }
    }

    /** The archive is not a zip, is truncated, or its content is damaged or not what a release holds. */
    static final class CorruptArchiveException extends IOException {

        private static final long serialVersionUID = 1L;

        CorruptArchiveException(String message) {
            super(message);
        }

        CorruptArchiveException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
