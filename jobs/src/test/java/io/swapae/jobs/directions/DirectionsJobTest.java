package io.swapae.jobs.directions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.data.Percentage.withPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapae.checkpoint.SafetensorsFile;
import io.swapae.checkpoint.SafetensorsReader;
import io.swapae.checkpoint.TensorData;
import io.swapae.jobs.testing.TestSpark;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import smile.math.matrix.Matrix;

class DirectionsJobTest {

    private static final double[] VARIANCES = {9, 4, 2, 1};
    private static final String MODEL = "sha256:00000000000000aa";
    private static final String OTHER_MODEL = "sha256:00000000000000bb";

    static SparkSession spark;

    @BeforeAll
    static void setUp() {
        spark = TestSpark.session();
    }

    /** 2000 texture codes of 32 values, 2000 structure codes of 4×4×4, or 250 structure codes of 16×4×4. */
    static PlantedCodes planted(CodeSpace space) {
        return switch (space) {
            case TEXTURE -> PlantedCodes.of(2000, 32, VARIANCES, 1);
            case STRUCTURE -> PlantedCodes.of(2000, 64, VARIANCES, 2);
            case STRUCTURE_LOCAL -> PlantedCodes.of(4000, 16, VARIANCES, 3);
        };
    }

    static Path codes(Path dir, CodeSpace space, PlantedCodes planted) {
        Path table = dir.resolve("codes");
        PlantedCodes.write(spark, table, "r1", planted.rows(space, MODEL, 4, 4));
        return table;
    }

    static DirectionsOptions options(Path codes, Path out, CodeSpace space) {
        return DirectionsOptions.of(codes.toUri().toString(), out.toUri().toString(), space).withComponents(4, 0);
    }

    @ParameterizedTest
    @EnumSource(CodeSpace.class)
    void plantedDirectionsAreRecovered(CodeSpace space, @TempDir Path dir) throws Exception {
        PlantedCodes planted = planted(space);
        DirectionsSummary r = new DirectionsJob(spark, options(codes(dir, space, planted), dir.resolve("cat"), space))
                .run();
        DirectionCatalogue c = r.catalogue();
        assertThat(c.vectors()).isEqualTo(planted.vectors.length);
        assertThat(c.directions()).hasSize(4);
        for (int k = 0; k < 4; k++) {
            DirectionCatalogue.Direction d = c.directions().get(k);
            assertThat(Math.abs(PlantedCodes.dot(d.vector(), planted.directions[k]))).as("|cos| of component " + k)
                    .isGreaterThanOrEqualTo(0.999);
            assertThat(d.eigenvalue()).as("eigenvalue " + k).isCloseTo(VARIANCES[k],
                    withPercentage(1));
            assertThat(d.sigma()).isEqualTo(Math.sqrt(d.eigenvalue()));
        }
        assertThat(Files.exists(dir.resolve("cat/catalogue.json"))).isTrue();
    }

    @Test
    void theCatalogueIsTheSameForOneTwoAndFourPartitions(@TempDir Path dir) throws Exception {
        Path codes = codes(dir, CodeSpace.TEXTURE, planted(CodeSpace.TEXTURE));
        List<DirectionCatalogue> catalogues = new ArrayList<>();
        for (int p : new int[] {1, 2, 4}) {
            DirectionsSummary r = new DirectionsJob(spark, options(codes, dir.resolve("cat" + p), CodeSpace.TEXTURE)
                    .withPartitions(p)).run();
            assertThat(r.partitions()).isEqualTo(p);
            catalogues.add(r.catalogue());
        }
        DirectionCatalogue one = catalogues.get(0);
        for (DirectionCatalogue other : catalogues.subList(1, 3)) {
            assertClose(other.mean(), one.mean(), 1e-6);
            assertThat(other.totalVariance()).isCloseTo(one.totalVariance(), offset(1e-6));
            for (int k = 0; k < 4; k++) {
                assertThat(other.directions().get(k).eigenvalue())
                        .isCloseTo(one.directions().get(k).eigenvalue(), offset(1e-6));
                assertClose(other.directions().get(k).vector(), one.directions().get(k).vector(), 1e-6);
            }
        }
    }

    @Test
    void theFitEqualsTheSingularValueDecompositionOfTheWholeCentredMatrix(@TempDir Path dir) throws Exception {
        PlantedCodes planted = planted(CodeSpace.STRUCTURE_LOCAL);
        DirectionCatalogue c = new DirectionsJob(spark, options(codes(dir, CodeSpace.STRUCTURE_LOCAL, planted),
                dir.resolve("cat"), CodeSpace.STRUCTURE_LOCAL)).run().catalogue();

        int rows = planted.vectors.length;
        int n = planted.vectors[0].length;
        double[] mean = new double[n];
        for (float[] v : planted.vectors) {
            for (int i = 0; i < n; i++) {
                mean[i] += v[i] / (double) rows;
            }
        }
        double[] centred = new double[rows * n];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < n; i++) {
                centred[r + i * rows] = planted.vectors[r][i] - mean[i];
            }
        }
        Matrix.SVD svd = new Matrix(rows, n, rows, centred).svd(true, true);
        assertClose(c.mean(), mean, 1e-9);
        double total = 0;
        for (double s : svd.s) {
            total += s * s / (rows - 1);
        }
        assertThat(c.totalVariance()).isCloseTo(total, withPercentage(1e-6));
        for (int k = 0; k < 4; k++) {
            double reference = svd.s[k] * svd.s[k] / (rows - 1);
            assertThat(c.directions().get(k).eigenvalue()).isCloseTo(reference,
                    withPercentage(1e-4));
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = svd.V.get(i, k);
            }
            assertThat(Math.abs(PlantedCodes.dot(c.directions().get(k).vector(), v))).isCloseTo(1.0,
                    offset(1e-6));
        }
    }

    @Test
    void aSampleFitsAboutThatManyCodesAndTheSameOnesForTheSameSeed(@TempDir Path dir) throws Exception {
        Path codes = codes(dir, CodeSpace.TEXTURE, planted(CodeSpace.TEXTURE));
        DirectionsOptions sampled = options(codes, dir.resolve("a"), CodeSpace.TEXTURE).withSample(500, 11);
        DirectionCatalogue a = new DirectionsJob(spark, sampled).run().catalogue();
        DirectionCatalogue b = new DirectionsJob(spark, sampled).run().catalogue();
        DirectionCatalogue c = new DirectionsJob(spark, sampled.withSample(500, 12)).run().catalogue();
        assertThat(a.codes()).isBetween(400L, 600L);
        assertThat(b.codes()).isEqualTo(a.codes());
        assertThat(b.mean()).containsExactly(a.mean());
        assertThat(c.mean()).isNotEqualTo(a.mean());
    }

    @Test
    void codesOfSeveralModelsAreRefusedNamingTheirFingerprints(@TempDir Path dir) {
        Path codes = twoModels(dir);
        assertThatThrownBy(() -> new DirectionsJob(spark, options(codes, dir.resolve("cat"), CodeSpace.TEXTURE)).run())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 models").hasMessageContaining(MODEL + " (2000 codes)")
                .hasMessageContaining(OTHER_MODEL + " (300 codes)").hasMessageContaining("--filter");
        assertThat(Files.exists(dir.resolve("cat"))).isFalse();
    }

    @Test
    void aFilterChoosesTheCodesOfOneModel(@TempDir Path dir) throws Exception {
        Path codes = twoModels(dir);
        DirectionCatalogue c = new DirectionsJob(spark, options(codes, dir.resolve("cat"), CodeSpace.TEXTURE)
                .withFilter("model = '" + OTHER_MODEL + "'")).run().catalogue();
        assertThat(c.codes()).isEqualTo(300);
        assertThat(c.model()).isEqualTo(OTHER_MODEL);
    }

    private static Path twoModels(Path dir) {
        Path codes = codes(dir, CodeSpace.TEXTURE, planted(CodeSpace.TEXTURE));
        PlantedCodes.write(spark, codes, "r2", PlantedCodes.of(300, 32, VARIANCES, 9)
                .rows(CodeSpace.TEXTURE, OTHER_MODEL, 1, 1));
        return codes;
    }

    @Test
    void wholeStructureCodesOfSeveralShapesAreRefusedNamingTheShapes(@TempDir Path dir) throws Exception {
        Path codes = dir.resolve("codes");
        PlantedCodes.write(spark, codes, "r1", PlantedCodes.of(400, 16, VARIANCES, 4)
                .rows(CodeSpace.STRUCTURE_LOCAL, MODEL, 4, 4));
        PlantedCodes.write(spark, codes, "r2", PlantedCodes.of(300, 16, VARIANCES, 5)
                .rows(CodeSpace.STRUCTURE_LOCAL, MODEL, 3, 4));
        assertThatThrownBy(() -> new DirectionsJob(spark, options(codes, dir.resolve("cat"), CodeSpace.STRUCTURE))
                .run()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[16, 4, 4] (25 codes)").hasMessageContaining("[16, 3, 4] (25 codes)")
                .hasMessageContaining("structure-local");
        DirectionCatalogue local = new DirectionsJob(spark, options(codes, dir.resolve("local"),
                CodeSpace.STRUCTURE_LOCAL)).run().catalogue();
        assertThat(local.vectors()).isEqualTo(700);
    }

    @Test
    void noCodesAreAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> new DirectionsJob(spark, options(dir.resolve("nothing"), dir.resolve("cat"),
                CodeSpace.TEXTURE)).run()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no committed codes in");
        Path codes = codes(dir, CodeSpace.TEXTURE, PlantedCodes.of(20, 8, new double[] {1}, 6));
        assertThatThrownBy(() -> new DirectionsJob(spark, options(codes, dir.resolve("cat"), CodeSpace.TEXTURE)
                .withFilter("width > 1000")).run()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no code of").hasMessageContaining("passes --filter \"width > 1000\"");
        assertThatThrownBy(() -> new DirectionsJob(spark, options(codes, dir.resolve("cat"), CodeSpace.TEXTURE)
                .withFilter("no_such_column > 1")).run()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--filter 'no_such_column > 1' is not a condition on the codes table")
                .hasMessageContaining("structure_shape");
    }

    @Test
    void theExportReadsBackAsTheCatalogue(@TempDir Path dir) throws Exception {
        Path cat = dir.resolve("cat");
        DirectionCatalogue c = new DirectionsJob(spark, options(codes(dir, CodeSpace.STRUCTURE,
                planted(CodeSpace.STRUCTURE)), cat, CodeSpace.STRUCTURE)).run().catalogue();

        SafetensorsFile export = SafetensorsReader.read(cat.resolve(CatalogueFiles.EXPORT));
        TensorData directions = export.tensors().get("directions");
        assertThat(directions.shape()).containsExactly(4, 4, 4, 4);
        assertThat(export.tensors().get("mean").shape()).containsExactly(4, 4, 4);
        double[] vectors = doubles(directions);
        double[] eigenvalues = doubles(export.tensors().get("eigenvalues"));
        List<Row> rows = spark.read().parquet(cat.resolve(CatalogueFiles.DIRECTIONS).toString())
                .orderBy("component").collectAsList();
        assertThat(rows).hasSize(4);
        for (Row row : rows) {
            int k = row.getInt(row.fieldIndex("component"));
            List<Double> vector = row.getList(row.fieldIndex("vector"));
            for (int i = 0; i < vector.size(); i++) {
                assertThat(vectors[k * 64 + i]).isEqualTo(vector.get(i));
            }
            assertThat(eigenvalues[k]).isEqualTo(row.getDouble(row.fieldIndex("eigenvalue")));
            assertThat(row.getString(row.fieldIndex("catalogue"))).isEqualTo(c.id());
        }
        assertThat(doubles(export.tensors().get("mean"))).containsExactly(c.mean());
        JsonNode description = new ObjectMapper().readTree(export.metadata().get("catalogue"));
        assertThat(description.get("catalogue").asText()).isEqualTo(c.id());
        assertThat(description.get("model").asText()).isEqualTo(MODEL);
        JsonNode onDisk = new ObjectMapper().readTree(cat.resolve(CatalogueFiles.JSON).toFile());
        assertThat(onDisk).isEqualTo(description);
        assertThat(onDisk.get("code_source").get("runs").get(0).asText()).isEqualTo("r1");
    }

    @Test
    void theTablesReadBackAsTheCatalogue(@TempDir Path dir) throws Exception {
        Path cat = dir.resolve("cat");
        DirectionCatalogue written = new DirectionsJob(spark, options(codes(dir, CodeSpace.TEXTURE,
                planted(CodeSpace.TEXTURE)), cat, CodeSpace.TEXTURE)).run().catalogue();
        DirectionCatalogue read = DirectionCatalogue.read(spark, cat.toUri().toString());
        assertThat(read.id()).isEqualTo(written.id());
        assertThat(read.space()).isEqualTo(CodeSpace.TEXTURE);
        assertThat(read.model()).isEqualTo(written.model());
        assertThat(read.mean()).containsExactly(written.mean());
        assertThat(read.totalVariance()).isCloseTo(written.totalVariance(), within(1e-9 * written.totalVariance()));
        assertThat(read.directions()).hasSameSizeAs(written.directions());
        for (int k = 0; k < read.directions().size(); k++) {
            assertThat(read.direction(k).vector()).containsExactly(written.direction(k).vector());
            assertThat(read.direction(k).sigma()).isEqualTo(written.direction(k).sigma());
        }
        assertThatThrownBy(() -> read.direction(read.directions().size())).hasMessageContaining("keeps components");
        assertThatThrownBy(() -> DirectionCatalogue.read(spark, dir.toUri().toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a direction catalogue");
    }

    private static double[] doubles(TensorData t) {
        assertThat(t.dtype()).isEqualTo(TensorData.DType.F64);
        DoubleBuffer b = t.data().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
        double[] out = new double[b.remaining()];
        b.get(out);
        return out;
    }

    private static void assertClose(double[] actual, double[] expected, double tolerance) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("index " + i).isCloseTo(expected[i], offset(tolerance));
        }
    }
}
