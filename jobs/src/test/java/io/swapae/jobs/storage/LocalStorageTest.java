package io.swapae.jobs.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStorageTest {

    @TempDir
    Path dir;

    @Test
    void aMissingLocalInputIsNamed() {
        String missing = dir.resolve("nope").toUri().toString();

        assertThatThrownBy(() -> StorageCheck.readable(missing, new Configuration()))
                .isInstanceOf(StorageException.class)
                .hasMessage("input does not exist: " + missing);
    }

    @Test
    void anExistingLocalFolderIsReadable() {
        StorageCheck.readable(dir.toUri().toString(), new Configuration());
    }

    @Test
    void aMissingOutputRootIsCreatedAndLeftWithoutProbeFiles() throws Exception {
        Path root = dir.resolve("out/nested");

        StorageCheck.writable(root.toUri().toString(), new Configuration());

        assertThat(root).isDirectory();
        try (var files = Files.list(root)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anOutputRootThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");

        assertThatThrownBy(() -> StorageCheck.writable(file.toUri().toString(), new Configuration()))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("output root is a file, not a folder: ");
    }

    @Test
    void anInvalidUriIsNamed() {
        assertThatThrownBy(() -> StorageCheck.writable("", new Configuration()))
                .isInstanceOf(StorageException.class)
                .hasMessage("not a valid path or URI: ");
    }

    @Test
    void anUnknownSchemeIsNamed() {
        assertThatThrownBy(() -> StorageCheck.readable("nosuchfs://x/y", new Configuration()))
                .isInstanceOf(StorageException.class)
                .hasMessage("unsupported file system scheme 'nosuchfs' in nosuchfs://x/y");
    }
}
