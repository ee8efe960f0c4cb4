package io.swapae.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.swapae.image.ImageDecodeException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageFormatTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void formatsAreRecognisedByTheirLeadingBytes() throws Exception {
        assertThat(ImageFormat.detect(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}))
                .isEqualTo(ImageFormat.JPEG);
        assertThat(ImageFormat.detect(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}))
                .isEqualTo(ImageFormat.PNG);
        assertThat(ImageFormat.detect(ascii("GIF89a..."))).isEqualTo(ImageFormat.GIF);
        assertThat(ImageFormat.detect(ascii("BM" + "\0".repeat(30)))).isEqualTo(ImageFormat.BMP);
        assertThat(ImageFormat.detect(ascii("II*\0\u0008\0\0\0"))).isEqualTo(ImageFormat.TIFF);
        assertThat(ImageFormat.detect(ascii("MM\0*\0\0\0\u0008"))).isEqualTo(ImageFormat.TIFF);
        assertThat(ImageFormat.detect(ascii("RIFF\u0010\0\0\0WEBPVP8 "))).isEqualTo(ImageFormat.WEBP);
    }

    @Test
    void knownButUnsupportedFormatsAreNamed() {
        ImageDecodeException e = catchThrowableOfType(ImageDecodeException.class,
                () -> ImageFormat.detect(ascii("\0\0\0\u001cftypavif\0\0\0\0")));

        assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT);
        assertThat(e.getMessage()).contains("AVIF");
        assertThat(catchThrowableOfType(ImageDecodeException.class,
                () -> ImageFormat.detect(ascii("<?xml version=\"1.0\"?><svg></svg>"))).getMessage()).contains("SVG");
    }

    @Test
    void aRiffThatIsNotWebpIsNotAnImage() {
        ImageDecodeException e = catchThrowableOfType(ImageDecodeException.class,
                () -> ImageFormat.detect(ascii("RIFF\u0010\0\0\0WAVEfmt ")));

        assertThat(e.reason()).isEqualTo(Reason.NOT_AN_IMAGE);
    }

    @Test
    void endMarkersAreFoundAtTheEndOfCompleteFiles() {
        byte[] png = TestImages.encode(TestImages.noise(4, 4, 1), "png");
        byte[] jpeg = TestImages.encode(TestImages.noise(4, 4, 1), "jpeg");

        assertThat(ImageFormat.PNG.hasEndMarker(png)).isTrue();
        assertThat(ImageFormat.PNG.hasEndMarker(Arrays.copyOf(png, png.length - 1))).isFalse();
        assertThat(ImageFormat.JPEG.hasEndMarker(jpeg)).isTrue();
        assertThat(ImageFormat.JPEG.hasEndMarker(Arrays.copyOf(jpeg, jpeg.length + 5))).isTrue();
        assertThat(ImageFormat.JPEG.hasEndMarker(Arrays.copyOf(jpeg, jpeg.length - 1))).isFalse();
        assertThat(ImageFormat.GIF.hasEndMarker(new byte[] {1})).isTrue();
    }
}
