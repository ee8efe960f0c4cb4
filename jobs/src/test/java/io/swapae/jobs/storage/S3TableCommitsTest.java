package io.swapae.jobs.storage;

import io.swapae.jobs.testing.S3Server;
import io.swapae.jobs.testing.TestSpark;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;

class S3TableCommitsTest extends TableCommitsContract {

    private static final String BUCKET = "commits";

    @BeforeAll
    static void startServer() {
        S3Server server = S3Server.shared();
        server.createBucket(BUCKET);
        ObjectStorage.configure(TestSpark.session().sparkContext().hadoopConfiguration(),
                server.options());
    }

    @Override
    String newTable() {
        return "s3a://" + BUCKET + "/" + UUID.randomUUID() + "/codes";
    }
}
