package io.swapae.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/** Reads the little-endian float32 / int64 C-order {@code .npy} files of the reference fixtures ({@code .npy.gz}: gzipped). */
public final class Npy {

    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    /** One array: its shape and values as float32. */
    public record Array(long[] shape, float[] values) {
        public long size() {
            return values.length;
        }
    }

    private Npy() {
    }

    public static Array read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            }
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (b.get() != (byte) 0x93 || b.get() != 'N' || b.get() != 'U' || b.get() != 'M' || b.get() != 'P'
                || b.get() != 'Y') {
            throw new IOException(file + ": not a .npy file");
        }
        int major = b.get();
        b.get();
        int headerLen = major == 1 ? Short.toUnsignedInt(b.getShort()) : b.getInt();
        byte[] h = new byte[headerLen];
        b.get(h);
        String header = new String(h, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find() || f.group(1).equals("True")) {
            throw new IOException(file + ": unsupported header " + header.trim());
        }
        String[] dims = s.group(1).split(",");
        long[] shape = java.util.Arrays.stream(dims).map(String::trim).filter(x -> !x.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        long n = 1;
        for (long dim : shape) {
            n *= dim;
        }
        float[] values = new float[Math.toIntExact(n)];
        switch (d.group(1)) {
            case "<f4":
                b.asFloatBuffer().get(values);
                break;
            case "<i8":
                for (int i = 0; i < n; i++) {
                    values[i] = b.getLong();
                }
                break;
            default:
                throw new IOException(file + ": unsupported dtype " + d.group(1));
        }
        return new Array(shape, values);
    }
}
