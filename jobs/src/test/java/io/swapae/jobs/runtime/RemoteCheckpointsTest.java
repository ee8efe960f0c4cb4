package io.swapae.jobs.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapae.checkpoint.CheckpointLoader;
import io.swapae.checkpoint.ModelWeights;
import java.io.FileNotFoundException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints behind {@code file://} URIs, read through Hadoop's local file system as any Hadoop URI is. */
class RemoteCheckpointsTest {

    private static final Path SET_A = Path.of("../common/src/test/resources/fixtures/sae-parity-a");

    @TempDir
    Path dir;

    /** Set A's checkpoint with its opt.json beside it, under {@code dir/remote/setA}. */
    private URI remoteSetA() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("remote/setA"));
        Files.copy(SET_A.resolve("checkpoint.pth"), folder.resolve("checkpoint.pth"));
        Files.copy(SET_A.resolve("opt.json"), folder.resolve("opt.json"));
        return folder.resolve("checkpoint.pth").toUri();
    }

    @Test
    void concurrentRequestsMakeOneCopyThatLoadsAsTheOriginal() throws Exception {
        URI uri = remoteSetA();
        RemoteCheckpoints copies = new RemoteCheckpoints(Files.createDirectories(dir.resolve("copies")));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService tasks = Executors.newFixedThreadPool(6);
        List<Future<Path>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                results.add(tasks.submit(() -> {
                    go.await();
                    return copies.localCopy(uri, new Configuration());
                }));
            }
            go.countDown();
            List<Path> paths = new ArrayList<>();
            for (Future<Path> r : results) {
                paths.add(r.get());
            }
            assertThat(paths).containsOnly(paths.get(0));
        } finally {
            tasks.shutdownNow();
        }
        try (Stream<Path> made = Files.list(dir.resolve("copies"))) {
            assertThat(made).hasSize(1);
        }
        Path copy = copies.localCopy(uri, new Configuration());
        assertThat(copy.getParent().getFileName().toString()).isEqualTo("setA");
        assertThat(copy.resolveSibling("opt.json")).exists();
        ModelWeights original = CheckpointLoader.load(SET_A.resolve("checkpoint.pth"));
        ModelWeights copied = CheckpointLoader.load(copy);
        assertThat(copied.fingerprint()).isEqualTo(original.fingerprint());
        assertThat(copied.architecture()).isEqualTo(original.architecture());
        assertThat(copied.preprocess()).isEqualTo(original.preprocess());
    }

    @Test
    void missingCheckpointIsAClearErrorAndALaterRequestTriesAgain() throws Exception {
        URI uri = dir.resolve("remote/setA/checkpoint.pth").toUri();
        RemoteCheckpoints copies = new RemoteCheckpoints(Files.createDirectories(dir.resolve("copies")));
        assertThatThrownBy(() -> copies.localCopy(uri, new Configuration()))
                .isInstanceOf(FileNotFoundException.class).hasMessage("no checkpoint at " + uri);

        assertThat(remoteSetA()).isEqualTo(uri);
        assertThat(copies.localCopy(uri, new Configuration())).hasSameBinaryContentAs(SET_A.resolve("checkpoint.pth"));
    }

    @Test
    void sourceOfAUriReadsThroughThisJvmsCopy() throws Exception {
        URI uri = remoteSetA();
        CheckpointSource source = CheckpointSource.uri(uri);
        Path first = source.localFile(new Configuration());
        assertThat(source.localFile(new Configuration())).isEqualTo(first);
        assertThat(first).hasSameBinaryContentAs(SET_A.resolve("checkpoint.pth")).isNotEqualTo(Path.of(uri));
    }
}
