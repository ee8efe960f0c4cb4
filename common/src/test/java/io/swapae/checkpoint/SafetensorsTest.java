package io.swapae.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    @TempDir
    Path dir;

    @Test
    void writtenTensorsAndMetadataReadBackIdentically() throws Exception {
        StateDict tensors = PthReader.read(Fixtures.resource("checkpoint/views.pth"), key -> true);
        Path file = dir.resolve("w.safetensors");

        SafetensorsWriter.write(file, tensors, Map.of("note", "hello"));
        SafetensorsFile read = SafetensorsReader.read(file);

        assertThat(read.metadata()).containsExactly(Map.entry("note", "hello"));
        assertThat(read.tensors().keys()).containsExactlyElementsOf(tensors.keys());
        for (String key : tensors.keys()) {
            TensorData a = tensors.get(key);
            TensorData b = read.tensors().get(key);
            assertThat(b.dtype()).as(key).isEqualTo(a.dtype());
            assertThat(b.shape()).as(key).containsExactly(a.shape());
            assertThat(b.data()).as(key).isEqualTo(a.data());
        }
    }

    @Test
    void theHeaderIsPaddedToEightBytesAndTheTensorsFollowInOrder() throws Exception {
        Path file = dir.resolve("w.safetensors");
        SafetensorsWriter.write(file, one("E.a", 1, 2), Map.of());

        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);

        assertThat(headerLength % 8).isZero();
        assertThat(header.trim()).isEqualTo("{\"E.a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}");
        assertThat(bytes).hasSize(8 + (int) headerLength + 8);
    }

    @Test
    void writingReplacesTheTargetAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("w.safetensors");
        Files.writeString(file, "old");

        SafetensorsWriter.write(file, one("E.a", 5), Map.of());

        assertThat(SafetensorsReader.read(file).tensors().get("E.a").toFloats()).containsExactly(5);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void onlyTheTensorsAskedForAreRead() throws Exception {
        Path file = dir.resolve("w.safetensors");
        Map<String, TensorData> m = new LinkedHashMap<>();
        m.put("E.a", TensorData.ofFloats("E.a", new long[] {1}, new float[] {1}));
        m.put("D.b", TensorData.ofFloats("D.b", new long[] {1}, new float[] {2}));
        SafetensorsWriter.write(file, new StateDict(m), Map.of());

        assertThat(SafetensorsReader.read(file, CheckpointLoader::isModelKey).tensors().keys()).containsExactly("E.a");
    }

    @Test
    void aHeaderLengthPastTheEndIsRefused() throws Exception {
        refused(raw(1000, "{}", 0), "safetensors header length 1000 runs past the end of the file");
    }

    @Test
    void aHugeHeaderLengthIsRefused() throws Exception {
        refused(raw(1L << 40, "{}", 0), "safetensors header length 1099511627776 is outside 2..16777216");
    }

    @Test
    void aHeaderThatIsNotJsonIsRefused() throws Exception {
        refused(raw(-1, "{\"E.a\": [", 0), "safetensors header is not valid JSON");
    }

    @Test
    void duplicateKeysAreRefused() throws Exception {
        refused(raw(-1, "{\"E.a\":" + entry("F32", "[1]", 0, 4) + ",\"E.a\":" + entry("F32", "[1]", 0, 4) + "}", 4),
                "Duplicate field 'E.a'");
    }

    @Test
    void anUnknownDtypeIsRefused() throws Exception {
        refused(raw(-1, "{\"E.a\":" + entry("F128", "[1]", 0, 16) + "}", 16), "tensor 'E.a' has unknown dtype \"F128\"");
    }

    @Test
    void offsetsOutsideTheDataAreRefused() throws Exception {
        refused(raw(-1, "{\"E.a\":" + entry("F32", "[1]", 4, 8) + "}", 4),
                "tensor 'E.a' data_offsets [4, 8] lie outside the 4 bytes of data");
    }

    @Test
    void aByteLengthThatDisagreesWithTheShapeIsRefused() throws Exception {
        refused(raw(-1, "{\"E.a\":" + entry("F32", "[2]", 0, 4) + "}", 4),
                "tensor 'E.a' data_offsets [0, 4] hold 4 bytes, but F32[2] needs 8");
    }

    @Test
    void overlappingTensorsAreRefused() throws Exception {
        refused(raw(-1, "{\"E.a\":" + entry("F32", "[2]", 0, 8) + ",\"E.b\":" + entry("F32", "[1]", 4, 8) + "}", 8),
                "overlaps the tensor before it");
    }

    @Test
    void bytesBelongingToNoTensorAreRefused() throws Exception {
        refused(raw(-1, "{\"E.a\":" + entry("F32", "[1]", 4, 8) + "}", 8), "4 bytes before tensor 'E.a' belong to no tensor");
        refused(raw(-1, "{\"E.a\":" + entry("F32", "[1]", 0, 4) + "}", 8), "4 bytes after the last tensor belong to no tensor");
    }

    @Test
    void negativeAndAbsurdShapesAreRefused() throws Exception {
        refused(raw(-1, "{\"E.a\":" + entry("F32", "[-1]", 0, 4) + "}", 4), "shape holds a negative value -1");
        refused(raw(-1, "{\"E.a\":" + entry("F32", "[65536,65536]", 0, 4) + "}", 4), "has more than 2147483647 elements");
        refused(raw(-1, "{\"E.a\":" + entry("F32", "[1.5]", 0, 4) + "}", 4), "holds 1.5, not an integer");
    }

    @Test
    void metadataValuesMustBeStrings() throws Exception {
        refused(raw(-1, "{\"__metadata__\":{\"a\":1}}", 0), "__metadata__ value of 'a' is not a string");
    }

    @Test
    void extraTensorFieldsAreRefused() throws Exception {
        refused(raw(-1, "{\"E.a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}}", 4),
                "must have exactly dtype, shape and data_offsets");
    }

    @Test
    void aFileTooShortIsRefused() throws Exception {
        refused(Files.write(dir.resolve("s.safetensors"), new byte[3]), "too short for a safetensors file");
    }

    private static String entry(String dtype, String shape, long begin, long end) {
        return "{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end + "]}";
    }

    /** A safetensors file with {@code header}, declaring {@code length} (or the true length when -1), then zero data. */
    private Path raw(long length, String header, int dataBytes) throws Exception {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(length < 0 ? h.length : length).put(h);
        return Files.write(dir.resolve("s.safetensors"), b.array());
    }

    private static void refused(Path file, String message) {
        assertThatThrownBy(() -> SafetensorsReader.read(file))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static StateDict one(String key, float... values) {
        return new StateDict(Map.of(key, TensorData.ofFloats(key, new long[] {values.length}, values)));
    }
}
