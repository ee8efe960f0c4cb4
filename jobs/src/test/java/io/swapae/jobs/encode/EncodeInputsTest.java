package io.swapae.jobs.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapae.jobs.testing.EncodeDataset;
import io.swapae.jobs.testing.TestSpark;
import io.swapae.runtime.RuntimeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kinds of input the encode job accepts, and duplicate images. */
class EncodeInputsTest {

    @TempDir
    static Path dir;
    static Path checkpoint;
    static SparkSession spark;

    @BeforeAll
    static void setUp() throws Exception {
        spark = TestSpark.session();
        checkpoint = EncodeDataset.model(dir.resolve("small.safetensors"));
    }

    static EncodeSummary encode(String input, Path output, String imageColumn) throws Exception {
        EncodeOptions options = new EncodeOptions(List.of(input), output.toUri().toString(), checkpoint.toString(),
                null, 4, 2, false, EncodeOptions.DEFAULT_MAX_PIXELS, imageColumn, null);
        return new EncodeJob(spark, options, EncodeModel.of(checkpoint, null, RuntimeOptions.DEFAULT)).run();
    }

    static Set<String> ids(Path output) {
        return new OutputTables(spark, output.toUri().toString()).read(OutputTables.CODES, Tables.CODES)
                .collectAsList().stream().map(r -> r.<String>getAs("id")).collect(Collectors.toSet());
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void theSameImageUnderTwoNamesIsEncodedOnce(@TempDir Path out) throws Exception {
        Path images = Files.createDirectories(dir.resolve("dups"));
        byte[] a = EncodeDataset.picture(140, 130, 1, "png");
        Files.write(images.resolve("a.png"), a);
        Files.write(images.resolve("copy-of-a.png"), a);
        Files.write(images.resolve("b.png"), EncodeDataset.picture(140, 130, 2, "png"));
        EncodeSummary r = encode(images.toUri().toString(), out, null);
        assertThat(r.encoded()).isEqualTo(2);
        assertThat(ids(out)).contains(sha256(a)).hasSize(2);
    }

    @Test
    void aTextListOfUrisIsEncoded(@TempDir Path out) throws Exception {
        Path images = Files.createDirectories(dir.resolve("listed"));
        byte[] a = EncodeDataset.picture(130, 120, 3, "jpg");
        byte[] b = EncodeDataset.picture(130, 120, 4, "png");
        Files.write(images.resolve("a.jpg"), a);
        Files.write(images.resolve("b.png"), b);
        Path list = images.resolve("list.txt");
        Files.writeString(list, "# two images, one relative\n" + images.resolve("a.jpg").toUri() + "\n\nb.png\n");
        EncodeSummary r = encode(list.toUri().toString(), out, null);
        assertThat(r.encoded()).isEqualTo(2);
        assertThat(ids(out)).containsExactlyInAnyOrder(sha256(a), sha256(b));
    }

    @Test
    void aParquetTableOfImageBytesIsEncoded(@TempDir Path out) throws Exception {
        List<Row> rows = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] image = EncodeDataset.picture(120 + i * 16, 128, 10 + i, "png");
            rows.add(RowFactory.create("photo-" + i, image));
            expected.add(sha256(image));
        }
        rows.add(RowFactory.create("broken", new byte[] {1, 2, 3}));
        StructType schema = new StructType().add("name", DataTypes.StringType).add("data", DataTypes.BinaryType);
        Path table = dir.resolve("bytes.parquet");
        spark.createDataFrame(rows, schema).write().parquet(table.toString());
        EncodeSummary r = encode(table.toUri().toString(), out, "data");
        assertThat(r.encoded()).isEqualTo(3);
        assertThat(r.failed()).isEqualTo(1);
        assertThat(ids(out)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aMissingInputIsAClearError(@TempDir Path out) {
        assertThatThrownBy(() -> encode(dir.resolve("absent").toUri().toString(), out, null))
                .hasMessageContaining("absent");
    }
}
