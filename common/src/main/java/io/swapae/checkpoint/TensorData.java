package io.swapae.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One named tensor of a checkpoint, as read from disk: element type, shape and the raw little-endian bytes
 * (row-major). Independent of any engine, so weights can be inspected, hashed and converted without libtorch.
 */
public record TensorData(String name, DType dtype, long[] shape, ByteBuffer data) {

    /** Element types a checkpoint may hold. */
    public enum DType {
        F32(4), F64(8), F16(2), BF16(2), I64(8), I32(4), I16(2), I8(1), U8(1), BOOL(1);

        private final int bytes;

        DType(int bytes) {
            this.bytes = bytes;
        }

        /** Bytes per element. */
        public int bytes() {
            return bytes;
        }
    }

    public TensorData {
        data = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long expected = elementCount(shape) * dtype.bytes();
        if (data.remaining() != expected) {
            throw new IllegalArgumentException("tensor " + name + ": " + data.remaining() + " bytes for shape "
                    + Arrays.toString(shape) + " of " + dtype + " (expected " + expected + ")");
        }
    }

    /** The raw bytes, as a new little-endian view (position 0): reading it never disturbs this tensor or other readers. */
    @Override
    public ByteBuffer data() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A float32 tensor from values. */
    public static TensorData ofFloats(String name, long[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new TensorData(name, DType.F32, shape.clone(), b);
    }

    /** Number of elements of a shape. */
    public static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Number of elements. */
    public long elementCount() {
        return elementCount(shape);
    }

    /** The values as float32 (converting F64/F16/BF16); refuses integer types. */
    public float[] toFloats() {
        int n = Math.toIntExact(elementCount());
        float[] out = new float[n];
        ByteBuffer b = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        switch (dtype) {
            case F32:
                b.asFloatBuffer().get(out);
                break;
            case F64:
                for (int i = 0; i < n; i++) {
                    out[i] = (float) b.getDouble(i * 8);
                }
                break;
            case F16:
                for (int i = 0; i < n; i++) {
                    out[i] = halfToFloat(b.getShort(i * 2));
                }
                break;
            case BF16:
                for (int i = 0; i < n; i++) {
                    out[i] = Float.intBitsToFloat((b.getShort(i * 2) & 0xffff) << 16);
                }
                break;
            default:
                throw new IllegalStateException("tensor " + name + " holds " + dtype + ", not floating point");
        }
        return out;
    }

    /** IEEE 754 binary16 to float32. */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        if (exp == 31) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape);
    }
}
