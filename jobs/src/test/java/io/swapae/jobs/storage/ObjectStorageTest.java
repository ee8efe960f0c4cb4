package io.swapae.jobs.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class ObjectStorageTest {

    @Test
    void anHttpEndpointTurnsSslOffAndPathStyleOnWithTheGivenKeys() {
        Configuration conf = ObjectStorage.configure(new Configuration(),
                ObjectStorage.Options.endpoint("http://127.0.0.1:9000", "ak", "sk"));

        assertThat(conf.get("fs.s3a.endpoint")).isEqualTo("http://127.0.0.1:9000");
        assertThat(conf.getBoolean("fs.s3a.connection.ssl.enabled", true)).isFalse();
        assertThat(conf.getBoolean("fs.s3a.path.style.access", false)).isTrue();
        assertThat(conf.get("fs.s3a.endpoint.region")).isEqualTo("us-east-1");
        assertThat(conf.get("fs.s3a.aws.credentials.provider"))
                .isEqualTo("org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        assertThat(conf.get("fs.s3a.access.key")).isEqualTo("ak");
        assertThat(conf.get("fs.s3a.secret.key")).isEqualTo("sk");
    }

    @Test
    void anHttpsEndpointKeepsSsl() {
        Configuration conf = ObjectStorage.configure(new Configuration(),
                new ObjectStorage.Options("https://s3.example.org", "eu-west-1", null, null, false));

        assertThat(conf.getBoolean("fs.s3a.connection.ssl.enabled", false)).isTrue();
        assertThat(conf.getBoolean("fs.s3a.path.style.access", true)).isFalse();
        assertThat(conf.get("fs.s3a.endpoint.region")).isEqualTo("eu-west-1");
    }

    @Test
    void withoutKeysTheDefaultCredentialChainIsKept() {
        Configuration conf = ObjectStorage.configure(new Configuration(), ObjectStorage.Options.none());

        assertThat(conf.get("fs.s3a.aws.credentials.provider"))
                .isEqualTo(new Configuration().get("fs.s3a.aws.credentials.provider"));
        assertThat(conf.get("fs.s3a.access.key")).isNull();
    }

    @Test
    void failFastDefaultsReplaceHadoopDefaultsButNotUserValues() {
        Configuration conf = new Configuration();
        conf.set("fs.s3a.retry.limit", "9");

        ObjectStorage.configure(conf, ObjectStorage.Options.none());

        assertThat(conf.get("fs.s3a.attempts.maximum")).isEqualTo("3");
        assertThat(conf.get("fs.s3a.connection.timeout")).isEqualTo("60000");
        assertThat(conf.get("fs.s3a.retry.limit")).isEqualTo("9");
    }

    @Test
    void anAccessKeyWithoutASecretIsRefused() {
        assertThatThrownBy(() -> ObjectStorage.configure(new Configuration(),
                new ObjectStorage.Options(null, null, "ak", null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secret key");
    }
}
