package io.swapae.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageEncoderTest {

    private static RgbImage noise(int w, int h) {
        byte[] px = new byte[w * h * 3];
        new Random(3).nextBytes(px);
        return new RgbImage(w, h, px);
    }

    @Test
    void pngRoundTripsExactly() throws Exception {
        RgbImage image = noise(17, 9);

        byte[] png = ImageEncoder.png(image);

        assertThat(ImageFormat.detect(png)).isEqualTo(ImageFormat.PNG);
        assertThat(new ImageDecoder().decode(png)).isEqualTo(image);
    }

    @Test
    void jpegRoundTripsCloseToTheImage() throws Exception {
        RgbImage image = RgbImage.black(32, 16);
        for (int i = 0; i < image.pixels().length; i += 3) {
            image.pixels()[i] = (byte) 200;
            image.pixels()[i + 1] = 100;
        }

        byte[] jpeg = ImageEncoder.jpeg(image, 95);

        assertThat(ImageFormat.detect(jpeg)).isEqualTo(ImageFormat.JPEG);
        assertThat(PixelDiff.between(new ImageDecoder().decode(jpeg), image).maxAbs()).isLessThanOrEqualTo(4);
    }

    @Test
    void lowerJpegQualityMakesSmallerFiles() {
        RgbImage image = noise(64, 64);

        assertThat(ImageEncoder.jpeg(image, 30).length).isLessThan(ImageEncoder.jpeg(image, 95).length);
    }

    @Test
    void jpegQualityOutsideOneToHundredIsRefused() {
        assertThatThrownBy(() -> ImageEncoder.jpeg(noise(2, 2), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageEncoder.jpeg(noise(2, 2), 101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bufferedImageHasTheSameColours() {
        RgbImage image = noise(5, 3);

        assertThat(ImageEncoder.toBufferedImage(image).getRGB(4, 2) & 0xFFFFFF).isEqualTo(image.rgb(4, 2));
    }

    @Test
    void encodeChoosesTheFormat() throws Exception {
        RgbImage image = noise(4, 4);

        assertThat(ImageFormat.detect(ImageEncoder.encode(image, ImageEncoder.Format.JPEG)))
                .isEqualTo(ImageFormat.JPEG);
        assertThat(ImageEncoder.Format.JPEG.extension()).isEqualTo("jpg");
    }
}
