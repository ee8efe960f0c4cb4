package io.swapae.jobs.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapae.checkpoint.CheckpointLoader;
import io.swapae.checkpoint.ModelPreset;
import io.swapae.checkpoint.ModelWeights;
import io.swapae.image.Preprocess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code swapae models get} against a real HTTP server on 127.0.0.1 serving a small release archive of the official
 * layout ({@code checkpoints/<name>_pretrained/latest_checkpoint.pth} beside test images), whose checkpoints are the
 * small official parity checkpoints; the catalogue names them with their own architecture.
 */
class ModelInstallerTest {

    private static final Path SET_A = Path.of("../common/src/test/resources/fixtures/sae-parity-a/checkpoint.pth");
    private static final Path SET_B = Path.of("../common/src/test/resources/fixtures/sae-parity-b/checkpoint.pth");
    private static final String ARCHIVE = "tiny_models_and_test_images.zip";

    static ModelWeights setA;
    static ModelRelease tiny;
    static ModelRelease tiny2;
    static byte[] archive;

    @TempDir
    Path dir;
    ModelStore store;
    ArchiveServer server;
    StringWriter console;

    @BeforeAll
    static void releases() throws IOException {
        setA = CheckpointLoader.load(SET_A);
        tiny = release("tiny");
        tiny2 = release("tiny2");
        archive = zip(Map.of(
                "checkpoints/tiny_pretrained/latest_checkpoint.pth", Files.readAllBytes(SET_A),
                "checkpoints/tiny2_pretrained/latest_checkpoint.pth", Files.readAllBytes(SET_A),
                "test_images/tiny/0.jpg", "not needed".getBytes()), false);
    }

    private static ModelRelease release(String name) {
        return new ModelRelease(name, ARCHIVE, new ModelPreset(name + "_pretrained", setA.architecture(),
                Preprocess.of("scale_shortside", 128, 128), "parity set A"));
    }

    @BeforeEach
    void start() throws IOException {
        store = ModelStore.at(dir.resolve("models"));
        server = new ArchiveServer();
        console = new StringWriter();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ModelInstaller installer() {
        return installer(Duration.ofSeconds(30));
    }

    private ModelInstaller installer(Duration stall) {
        DownloadProgress progress = new DownloadProgress(new PrintWriter(console), false, System::nanoTime);
        return new ModelInstaller(store, server.baseUrl(),
                new ResumableDownload(ResumableDownload.httpClient(), progress, 3, Duration.ZERO, stall));
    }

    @Test
    void getDownloadsExtractsVerifiesAndCachesTheCheckpoint() throws Exception {
        server.serve(ARCHIVE, archive);
        ModelInstaller.Installed installed = installer().install(tiny);

        assertThat(installed.downloaded()).isTrue();
        assertThat(installed.alreadyThere()).isFalse();
        assertThat(installed.checkpoint()).isEqualTo(dir.resolve("models/tiny_pretrained/latest_checkpoint.pth"));
        assertThat(installed.checkpoint()).hasSameBinaryContentAs(SET_A);
        assertThat(CheckpointLoader.load(installed.checkpoint()).fingerprint()).isEqualTo(setA.fingerprint());
        assertThat(store.archive(ARCHIVE)).hasBinaryContent(archive);
        assertThat(server.ranges()).containsExactly("");
        assertThat(leftovers()).isEmpty();
        assertThat(console.toString()).contains(ARCHIVE + ": ").contains("(100.0 %)").contains("MB/s");
    }

    @Test
    void aSecondModelOfTheSameArchiveAndARerunDoNotDownloadAgain() throws Exception {
        server.serve(ARCHIVE, archive);
        installer().install(tiny);
        ModelInstaller.Installed second = installer().install(tiny2);
        ModelInstaller.Installed rerun = installer().install(tiny);

        assertThat(second.downloaded()).isFalse();
        assertThat(second.checkpoint()).hasSameBinaryContentAs(SET_A);
        assertThat(rerun.alreadyThere()).isTrue();
        assertThat(server.ranges()).hasSize(1);
    }

    @Test
    void droppedArchiveIsDeleted() throws Exception {
        server.serve(ARCHIVE, archive);
        ModelInstaller installer = installer();
        installer.install(tiny);
        installer.dropArchive(ARCHIVE);

        assertThat(store.archive(ARCHIVE)).doesNotExist();
        assertThat(store.contains(tiny)).isTrue();
    }

    @Test
    void interruptedDownloadResumesWithARangeRequest() throws Exception {
        server.serve(ARCHIVE, archive).dropFirstResponseAfter(300_000);
        ModelInstaller.Installed installed = installer().install(tiny);

        // the resume starts at what arrived before the connection dropped: at most what the server sent
        assertThat(server.ranges()).hasSize(2).first().isEqualTo("");
        assertThat(resumedAt(server.ranges().get(1))).isPositive().isLessThanOrEqualTo(300_000);
        assertThat(store.archive(ARCHIVE)).hasBinaryContent(archive);
        assertThat(installed.checkpoint()).hasSameBinaryContentAs(SET_A);
        assertThat(console.toString()).contains("(resuming)");
    }

    @Test
    void stalledDownloadIsGivenUpAndResumed() throws Exception {
        server.serve(ARCHIVE, archive).stallFirstResponseAfter(200_000);
        installer(Duration.ofMillis(1500)).install(tiny);

        assertThat(server.ranges()).hasSize(2).first().isEqualTo("");
        assertThat(resumedAt(server.ranges().get(1))).isPositive().isLessThanOrEqualTo(200_000);
        assertThat(store.archive(ARCHIVE)).hasBinaryContent(archive);
    }

    @Test
    void partialDownloadOfAnEarlierRunIsResumed() throws Exception {
        server.serve(ARCHIVE, archive);
        writePart(Arrays.copyOf(archive, 1_000_000));
        installer().install(tiny);

        assertThat(server.ranges()).containsExactly("bytes=1000000-");
        assertThat(store.archive(ARCHIVE)).hasBinaryContent(archive);
        assertThat(ResumableDownload.partOf(store.archive(ARCHIVE))).doesNotExist();
    }

    @Test
    void serverThatIgnoresRangesMakesTheDownloadStartOver() throws Exception {
        server.serve(ARCHIVE, archive).ignoreRanges();
        byte[] stale = new byte[500_000];
        Arrays.fill(stale, (byte) 7);
        writePart(stale);
        installer().install(tiny);

        assertThat(server.ranges()).containsExactly("bytes=500000-");
        assertThat(store.archive(ARCHIVE)).hasBinaryContent(archive);
        assertThat(store.contains(tiny)).isTrue();
    }

    @Test
    void completePartialDownloadIsFinishedWhenTheServerRefusesTheRange() throws Exception {
        server.serve(ARCHIVE, archive);
        writePart(archive);
        installer().install(tiny);

        assertThat(server.ranges()).containsExactly("bytes=" + archive.length + "-");
        assertThat(store.archive(ARCHIVE)).hasBinaryContent(archive);
    }

    @Test
    void partialDownloadLongerThanTheFileStartsOver() throws Exception {
        server.serve(ARCHIVE, archive);
        writePart(Arrays.copyOf(archive, archive.length + 10));
        installer().install(tiny);

        assertThat(server.ranges()).containsExactly("bytes=" + (archive.length + 10) + "-", "");
        assertThat(store.archive(ARCHIVE)).hasBinaryContent(archive);
    }

    @Test
    void notAZipIsRefusedAndNothingIsCachedThenAGoodServerSucceeds() throws Exception {
        server.serve(ARCHIVE, "<html>mirror error page</html>".getBytes());
        assertRefused("is not a readable zip archive");

        server.serve(ARCHIVE, archive);
        assertThat(installer().install(tiny).checkpoint()).hasSameBinaryContentAs(SET_A);
    }

    @Test
    void truncatedArchiveIsRefused() throws Exception {
        server.serve(ARCHIVE, Arrays.copyOf(archive, archive.length / 2));
        assertRefused("is not a readable zip archive");
    }

    @Test
    void checkpointFailingItsCrcIsRefused() throws Exception {
        byte[] stored = zip(Map.of("checkpoints/tiny_pretrained/latest_checkpoint.pth", Files.readAllBytes(SET_A)),
                true);
        stored[stored.length / 2] ^= 0x55;
        server.serve(ARCHIVE, stored);
        assertRefused("fails its CRC-32 check");
    }

    @Test
    void checkpointThatDoesNotLoadIsRefused() throws Exception {
        server.serve(ARCHIVE, zip(Map.of("checkpoints/tiny_pretrained/latest_checkpoint.pth",
                "a text file, not a checkpoint".getBytes()), false));
        assertRefused("latest_checkpoint.pth does not load: ");
    }

    @Test
    void checkpointOfAnotherArchitectureIsRefused() throws Exception {
        server.serve(ARCHIVE, zip(Map.of("checkpoints/tiny_pretrained/latest_checkpoint.pth",
                Files.readAllBytes(SET_B)), false));
        assertRefused("has architecture");
    }

    @Test
    void archiveWithoutTheModelIsRefused() throws Exception {
        server.serve(ARCHIVE, zip(Map.of("checkpoints/other_pretrained/latest_checkpoint.pth",
                Files.readAllBytes(SET_A)), false));
        assertRefused("holds no checkpoint of tiny_pretrained");
    }

    @Test
    void latestCheckpointIsPreferredToOthersOfTheModel() throws Exception {
        server.serve(ARCHIVE, zip(Map.of(
                "release/checkpoints/tiny_pretrained/100_checkpoint.pth", Files.readAllBytes(SET_B),
                "release/checkpoints/tiny_pretrained/latest_checkpoint.pth", Files.readAllBytes(SET_A)), false));
        assertThat(installer().install(tiny).checkpoint()).hasSameBinaryContentAs(SET_A);
    }

    @Test
    void serverErrorIsRetried() throws Exception {
        server.serve(ARCHIVE, archive).failFirstRequestWith(503);
        installer().install(tiny);

        assertThat(server.ranges()).containsExactly("", "");
        assertThat(store.archive(ARCHIVE)).hasBinaryContent(archive);
    }

    @Test
    void missingArchiveIsAnHttpErrorWithoutRetries() {
        assertThatThrownBy(() -> installer().install(tiny))
                .hasMessageContaining(server.baseUrl() + ARCHIVE).hasMessageContaining("HTTP 404");
        assertThat(server.ranges()).hasSize(1);
        assertThat(store.contains(tiny)).isFalse();
    }

    private void assertRefused(String reason) throws IOException {
        assertThatThrownBy(() -> installer().install(tiny)).isInstanceOf(IOException.class)
                .hasMessageContaining(reason).hasMessageContaining("the archive was deleted")
                .hasMessageContaining("swapae models get tiny");
        assertThat(store.contains(tiny)).isFalse();
        assertThat(store.archive(ARCHIVE)).doesNotExist();
        assertThat(ResumableDownload.partOf(store.archive(ARCHIVE))).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    private void writePart(byte[] bytes) throws IOException {
        Path part = ResumableDownload.partOf(store.archive(ARCHIVE));
        Files.createDirectories(part.getParent());
        Files.write(part, bytes);
    }

    /** Files of the cache other than cached checkpoints and kept archives. */
    private List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.walk(store.root())) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals(ModelStore.CHECKPOINT)
                            || !f.getParent().getParent().equals(store.root()))
                    .filter(f -> !f.equals(store.archive(ARCHIVE)))
                    .toList();
        }
    }

    /** A zip of these entries, deflated or stored. */
    static byte[] zip(Map<String, byte[]> entries, boolean stored) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                if (stored) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                out.putNextEntry(entry);
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static long resumedAt(String range) {
        assertThat(range).matches("bytes=\\d+-");
        return Long.parseLong(range.substring("bytes=".length(), range.length() - 1));
    }
}
