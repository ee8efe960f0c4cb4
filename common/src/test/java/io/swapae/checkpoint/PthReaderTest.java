package io.swapae.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PthReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsEveryKeyShapeAndDtypeOfTheOfficialCheckpoint() throws Exception {
        List<Fixtures.Key> expected = Fixtures.keys(Fixtures.json("fixtures/sae-parity-a/keys.json"));

        StateDict all = PthReader.read(Fixtures.setACheckpoint(), key -> true);

        assertThat(all.keys()).containsExactlyElementsOf(expected.stream().map(Fixtures.Key::key).toList());
        for (Fixtures.Key k : expected) {
            TensorData t = all.get(k.key());
            assertThat(t.shape()).as(k.key()).containsExactly(k.shape());
            assertThat(t.dtype()).as(k.key()).isEqualTo(k.dtype().equals("int64") ? TensorData.DType.I64 : TensorData.DType.F32);
        }
    }

    @Test
    void valuesAreThoseTorchLoads() throws Exception {
        StateDict weights = PthReader.read(Fixtures.setACheckpoint());

        assertThat(weights.get("E.FromRGB.Conv.weight").toFloats()).containsExactly(
                new float[] {-0.6999713778495789f, 1.9154489040374756f, 0.06576599180698395f,
                    0.44753187894821167f, -0.8075239658355713f, 0.044345561414957047f}, within(0f));
        assertThat(weights.get("G.ToRGB.conv.modulation.bias").toFloats()).startsWith(
                0.9690758585929871f, 0.9491117000579834f, 0.9882428050041199f, 1.0641849040985107f);
        assertThat(weights.get("E.DownToSpatialCode.ResBlockDownBy1.conv2.Blur.kernel").toFloats()).containsExactly(
                0.0625f, 0.125f, 0.0625f, 0.125f, 0.25f, 0.125f, 0.0625f, 0.125f, 0.0625f);
    }

    @Test
    void theModelReadKeepsOnlyEncoderAndGeneratorTensors() throws Exception {
        StateDict all = PthReader.read(Fixtures.setACheckpoint(), key -> true);
        StateDict model = PthReader.read(Fixtures.setACheckpoint());

        assertThat(all.get("num_discriminator_iters").data().order(ByteOrder.LITTLE_ENDIAN).getLong(0)).isEqualTo(2234L);
        assertThat(model.contains("num_discriminator_iters")).isFalse();
        assertThat(model.size()).isEqualTo(all.size() - 1);
    }

    @Test
    void materialisesViewsDtypesAndParametersAsTorchSavedThem() throws Exception {
        StateDict t = PthReader.read(Fixtures.resource("checkpoint/views.pth"), key -> true);

        assertThat(t.get("E.transposed").shape()).containsExactly(3, 2);
        assertThat(t.get("E.transposed").toFloats()).containsExactly(0, 3, 1, 4, 2, 5);
        assertThat(t.get("E.base").toFloats()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(t.get("E.slice").toFloats()).containsExactly(4, 5, 6, 7);
        assertThat(t.get("E.expanded").toFloats()).containsExactly(1, 2, 1, 2, 1, 2);
        assertThat(t.get("E.half").dtype()).isEqualTo(TensorData.DType.F16);
        assertThat(t.get("E.half").toFloats()).containsExactly(1.5f, -2f, 0.25f);
        assertThat(t.get("E.bf16").dtype()).isEqualTo(TensorData.DType.BF16);
        assertThat(t.get("E.bf16").toFloats()).containsExactly(1.5f, -2f);
        assertThat(t.get("E.double").dtype()).isEqualTo(TensorData.DType.F64);
        assertThat(t.get("E.double").toFloats()).containsExactly(0.1f, 0.2f);
        assertThat(t.get("E.param").toFloats()).containsExactly(7, 8);
        assertThat(t.get("E.scalar").shape()).isEmpty();
        assertThat(t.get("E.scalar").toFloats()).containsExactly(3);
        assertThat(t.get("E.empty").shape()).containsExactly(0, 3);
        assertThat(t.get("count").dtype()).isEqualTo(TensorData.DType.I64);
    }

    @Test
    void discriminatorStoragesAreNeverRead() throws Exception {
        TorchZip zip = new TorchZip("60k_checkpoint")
                .floats("E.FromRGB.Act.bias", new long[] {2}, 1f, 2f)
                .tensor(new TorchZip.Tensor("D.convs.0.weight", "FloatStorage", "900", 1L << 40, 0,
                        new long[] {1L << 20, 1L << 20}, new long[] {1L << 20, 1}))
                .tensor(new TorchZip.Tensor("Dpatch.convs.0.weight", "FloatStorage", "901", 1 << 24, 0,
                        new long[] {1 << 24}, new long[] {1}))
                .tensor(new TorchZip.Tensor("D.final.weight", "FloatStorage", "902", 1 << 20, 0,
                        new long[] {1 << 20}, new long[] {1}))
                .floats("G.ToRGB.bias", new long[] {1, 3, 1, 1}, 4f, 5f, 6f)
                .record("data/901", new byte[64 << 20])
                .deflate("60k_checkpoint/data/901")
                .record("data/902", new byte[8]);

        StateDict weights = PthReader.read(zip.write(dir.resolve("60k_checkpoint.pth")));

        assertThat(weights.keys()).containsExactly("E.FromRGB.Act.bias", "G.ToRGB.bias");
        assertThat(weights.get("G.ToRGB.bias").toFloats()).containsExactly(4, 5, 6);
    }

    @Test
    void theTopFolderNameIsReadFromTheArchive() throws Exception {
        for (String top : List.of("archive", "latest_checkpoint", "x")) {
            Path file = new TorchZip(top).floats("E.a", new long[] {1}, 3f).write(dir.resolve(top + ".pth"));

            assertThat(PthReader.read(file).get("E.a").toFloats()).as(top).containsExactly(3f);
        }
    }

    @Test
    void aHandMadeTorchLayoutReadsLikeTheOfficialOne() throws Exception {
        Path file = new TorchZip("archive")
                .floats("E.w", new long[] {2, 2}, 1, 2, 3, 4)
                .write(dir.resolve("w.pth"));

        Map<String, TensorData> t = PthReader.read(file).asMap();

        assertThat(t.get("E.w").shape()).containsExactly(2, 2);
        assertThat(t.get("E.w").toFloats()).containsExactly(1, 2, 3, 4);
    }
}
