package io.swapae.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads safetensors files (8-byte little-endian header length, a JSON header of {@code dtype}, {@code shape},
 * {@code data_offsets} per tensor plus an optional {@code __metadata__} string map, then the data). The header is
 * validated before any tensor is read: size limit, UTF-8 JSON without duplicate keys, known dtypes, shapes within
 * limits, offsets inside the data, byte lengths equal to shape times dtype, tensors that neither overlap nor leave
 * gaps. Only the tensors asked for are read.
 */
public final class SafetensorsReader {

    /** The largest header accepted: room for some 100 000 tensors; it bounds the memory the JSON parse takes. */
    public static final long MAX_HEADER_BYTES = 16L << 20;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private record Slot(String key, TensorData.DType dtype, long[] shape, long begin, long end) {
    }

    private SafetensorsReader() {
    }

    /** The metadata and every tensor. */
    public static SafetensorsFile read(Path file) throws CheckpointException {
        return read(file, key -> true);
    }

    /** The metadata and the tensors whose keys {@code keys} accepts, in header order. */
    public static SafetensorsFile read(Path file, Predicate<String> keys) throws CheckpointException {
        String name = String.valueOf(file.getFileName());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw new CheckpointException(name + ": " + size + " bytes, too short for a safetensors file");
            }
            long headerLength = readFully(channel, 0, 8).getLong();
            if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) {
                throw new CheckpointException(name + ": safetensors header length " + headerLength
                        + " is outside 2.." + MAX_HEADER_BYTES);
            }
            if (headerLength > size - 8) {
                throw new CheckpointException(name + ": safetensors header length " + headerLength
                        + " runs past the end of the file (" + size + " bytes)");
            }
            JsonNode header = parseHeader(name, readFully(channel, 8, (int) headerLength));
            long dataStart = 8 + headerLength;
            Map<String, String> metadata = new LinkedHashMap<>();
            List<Slot> slots = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> fields = header.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals("__metadata__")) {
                    metadata = metadata(name, field.getValue());
                } else {
                    slots.add(slot(name, field.getKey(), field.getValue(), size - dataStart));
                }
            }
            checkLayout(name, slots, size - dataStart);
            Map<String, TensorData> tensors = new LinkedHashMap<>();
            for (Slot s : slots) {
                if (keys.test(s.key())) {
                    ByteBuffer data = readFully(channel, dataStart + s.begin(), (int) (s.end() - s.begin()));
                    tensors.put(s.key(), new TensorData(s.key(), s.dtype(), s.shape(), data));
                }
            }
            return new SafetensorsFile(metadata, new StateDict(tensors));
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode parseHeader(String name, ByteBuffer bytes) throws CheckpointException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new CheckpointException(name + ": safetensors header is not UTF-8");
        }
        JsonNode header;
        try {
            header = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CheckpointException(name + ": safetensors header is not valid JSON: "
                    + SafeText.printable(e.getOriginalMessage()));
        }
        if (header == null || !header.isObject()) {
            throw new CheckpointException(name + ": safetensors header is not a JSON object");
        }
        return header;
    }

    private static Map<String, String> metadata(String name, JsonNode node) throws CheckpointException {
        if (!node.isObject()) {
            throw new CheckpointException(name + ": __metadata__ is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new CheckpointException(name + ": __metadata__ value of '" + SafeText.printable(e.getKey())
                        + "' is not a string");
            }
            metadata.put(e.getKey(), e.getValue().textValue());
        }
        return metadata;
    }

    private static Slot slot(String name, String key, JsonNode node, long dataLength) throws CheckpointException {
        String where = name + ": tensor '" + SafeText.printable(key) + "'";
        if (!node.isObject() || node.size() != 3 || !node.has("dtype") || !node.has("shape")
                || !node.has("data_offsets")) {
            throw new CheckpointException(where + " must have exactly dtype, shape and data_offsets");
        }
        TensorData.DType dtype = dtype(where, node.get("dtype"));
        long[] shape = longs(where + " shape", node.get("shape"), -1);
        long[] offsets = longs(where + " data_offsets", node.get("data_offsets"), 2);
        long bytes = TensorLimits.byteSize(where, dtype, shape);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin < 0 || end < begin || end > dataLength) {
            throw new CheckpointException(where + " data_offsets [" + begin + ", " + end + "] lie outside the "
                    + dataLength + " bytes of data");
        }
        if (end - begin != bytes) {
            throw new CheckpointException(where + " data_offsets [" + begin + ", " + end + "] hold " + (end - begin)
                    + " bytes, but " + dtype + Arrays.toString(shape) + " needs " + bytes);
        }
        return new Slot(key, dtype, shape, begin, end);
    }

    private static TensorData.DType dtype(String where, JsonNode node) throws CheckpointException {
        if (node.isTextual()) {
            for (TensorData.DType d : TensorData.DType.values()) {
                if (d.name().equals(node.textValue())) {
                    return d;
                }
            }
        }
        throw new CheckpointException(where + " has unknown dtype " + SafeText.printable(node.toString()));
    }

    private static long[] longs(String what, JsonNode node, int length) throws CheckpointException {
        if (!node.isArray() || (length >= 0 && node.size() != length) || node.size() > TensorLimits.MAX_RANK) {
            throw new CheckpointException(what + " must be an array of " + (length >= 0 ? length + " " : "")
                    + "integers");
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw new CheckpointException(what + " holds " + SafeText.printable(v.toString())
                        + ", not an integer");
            }
            out[i] = v.longValue();
            if (out[i] < 0) {
                throw new CheckpointException(what + " holds a negative value " + out[i]);
            }
        }
        return out;
    }

    /** The tensors must tile the data exactly: no overlap, no gap, nothing after the last one. */
    private static void checkLayout(String name, List<Slot> slots, long dataLength) throws CheckpointException {
        List<Slot> sorted = new ArrayList<>(slots);
        sorted.sort(Comparator.comparingLong(Slot::begin).thenComparingLong(Slot::end));
        long expected = 0;
        for (Slot s : sorted) {
            if (s.begin() < expected) {
                throw new CheckpointException(name + ": tensor '" + SafeText.printable(s.key())
                        + "' overlaps the tensor before it");
            }
            if (s.begin() > expected) {
                throw new CheckpointException(name + ": " + (s.begin() - expected) + " bytes before tensor '"
                        + SafeText.printable(s.key()) + "' belong to no tensor");
            }
            expected = s.end();
        }
        if (expected != dataLength) {
            throw new CheckpointException(name + ": " + (dataLength - expected)
                    + " bytes after the last tensor belong to no tensor");
        }
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new CheckpointException("file ends before byte " + (position + length));
            }
        }
        return buffer.flip();
    }
}
