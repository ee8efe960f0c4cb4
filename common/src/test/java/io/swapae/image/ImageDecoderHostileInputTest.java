package io.swapae.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.swapae.image.ImageDecodeException.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageDecoderHostileInputTest {

    private final ImageDecoder decoder = new ImageDecoder();

    private Reason reasonFor(ImageDecoder d, byte[] bytes) {
        ImageDecodeException e = catchThrowableOfType(ImageDecodeException.class, () -> d.decode(bytes));
        assertThat(e).as("decoding should fail").isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n").startsWith(e.reason().name());
        return e.reason();
    }

    private Reason reasonFor(byte[] bytes) {
        return reasonFor(decoder, bytes);
    }

    @Test
    void emptyBytesAreEmpty() {
        assertThat(reasonFor(new byte[0])).isEqualTo(Reason.EMPTY);
    }

    @Test
    void randomBytesAreNotAnImage() {
        byte[] random = new byte[4096];
        new Random(42).nextBytes(random);

        assertThat(reasonFor(random)).isEqualTo(Reason.NOT_AN_IMAGE);
    }

    @Test
    void textFileIsNotAnImage() {
        byte[] text = "id,uri\n1,s3a://bucket/cat.jpg\n".getBytes(StandardCharsets.UTF_8);

        assertThat(reasonFor(text)).isEqualTo(Reason.NOT_AN_IMAGE);
    }

    @Test
    void heifIsAnUnsupportedFormat() {
        byte[] heic = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0};

        assertThat(reasonFor(heic)).isEqualTo(Reason.UNSUPPORTED_FORMAT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpeg"})
    void imageCutAnywhereIsTruncated(String format) {
        byte[] whole = TestImages.encode(TestImages.noise(64, 64, 1), format);

        for (int cut : new int[] {12, 40, 200, whole.length / 2, whole.length * 2 / 3, whole.length * 9 / 10}) {
            assertThat(reasonFor(Arrays.copyOf(whole, cut))).as(format + " cut at " + cut)
                    .isEqualTo(Reason.TRUNCATED);
        }
    }

    @Test
    void damagedPngDataIsCorrupt() {
        byte[] png = TestImages.encode(TestImages.noise(64, 64, 1), "png");
        Arrays.fill(png, 60, 200, (byte) 0x55);

        assertThat(reasonFor(png)).isIn(Reason.CORRUPT, Reason.TRUNCATED);
    }

    @Test
    void pngDeclaringTenGigapixelsIsRefusedFromItsHeader() {
        byte[] bomb = pngHeader(100_000, 100_000);

        long start = System.nanoTime();
        ImageDecodeException e = catchThrowableOfType(ImageDecodeException.class, () -> decoder.decode(bomb));

        assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PIXELS);
        assertThat(e.getMessage()).contains("100000x100000");
        assertThat(System.nanoTime() - start).as("refused without decoding").isLessThan(2_000_000_000L);
    }

    @Test
    void jpegDeclaringFourGigapixelsIsRefusedFromItsHeader() {
        byte[] bomb = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0, 17, 8, (byte) 0xFD, (byte) 0xE8,
                (byte) 0xFD, (byte) 0xE8, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, (byte) 0xFF, (byte) 0xD9};

        assertThat(reasonFor(bomb)).isEqualTo(Reason.TOO_MANY_PIXELS);
    }

    @Test
    void pixelLimitIsConfigurable() throws Exception {
        byte[] png = TestImages.encode(TestImages.noise(20, 10, 1), "png");

        assertThat(reasonFor(decoder.withMaxPixels(199), png)).isEqualTo(Reason.TOO_MANY_PIXELS);
        assertThat(decoder.withMaxPixels(200).decode(png).size()).isEqualTo(new ImageSize(20, 10));
    }

    @Test
    void imageBelowTheMinimumSideIsTooSmall() {
        byte[] png = TestImages.encode(TestImages.noise(20, 10, 1), "png");

        assertThat(reasonFor(decoder.withMinSide(16), png)).isEqualTo(Reason.TOO_SMALL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpeg", "gif", "bmp", "tiff", "webp"})
    void damagedFilesFailOnlyWithTypedErrors(String format) {
        byte[] valid = format.equals("webp") ? Fixtures.bytes("/fixtures/decode/lossy.webp")
                : TestImages.encode(TestImages.noise(24, 16, 7), format);
        Random random = new Random(format.hashCode());
        for (int i = 0; i < 60; i++) {
            byte[] damaged = valid.clone();
            for (int k = 0; k < 1 + random.nextInt(8); k++) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            byte[] input = random.nextBoolean() ? damaged : Arrays.copyOf(damaged, random.nextInt(damaged.length));
            assertThatCode(() -> {
                try {
                    decoder.decode(input);
                } catch (ImageDecodeException expected) {
                    assertThat(expected.getMessage()).doesNotContain("\n");
                }
            }).as(format + " variant " + i).doesNotThrowAnyException();
        }
    }

    private static byte[] pngHeader(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put(new byte[] {8, 2, 0, 0, 0})
                .array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
