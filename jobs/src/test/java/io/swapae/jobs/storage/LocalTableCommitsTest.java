package io.swapae.jobs.storage;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

class LocalTableCommitsTest extends TableCommitsContract {

    @TempDir
    Path dir;

    @Override
    String newTable() {
        return dir.resolve(UUID.randomUUID().toString()).resolve("codes").toUri().toString();
    }
}
