package io.swapae.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExifOrientationTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void orientationTagIsReadFromJpegBytes(int orientation) {
        byte[] jpeg = Fixtures.bytes("/fixtures/decode/orientation-" + orientation + ".jpg");

        assertThat(ExifOrientation.ofJpeg(jpeg)).isEqualTo(orientation);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void decodedJpegIsTurnedUprightAsPillowExifTransposeDoes(int orientation) throws Exception {
        RgbImage image = new ImageDecoder().decode(
                Fixtures.bytes("/fixtures/decode/orientation-" + orientation + ".jpg"));
        RgbImage pillow = Fixtures.image("/fixtures/decode/orientation-" + orientation + ".png");

        assertThat(image.size()).isEqualTo(pillow.size());
        for (int y = 3; y < image.height(); y += 8) {
            for (int x = 3; x < image.width(); x += 8) {
                for (int c = 0; c < 3; c++) {
                    assertThat(image.get(x, y, c)).as("(%d, %d) channel %d", x, y, c)
                            .isCloseTo(pillow.get(x, y, c), Offset.offset(6));
                }
            }
        }
    }

    @Test
    void orientationSixRotatesClockwiseMovingTheBottomLeftPixelToTheTopLeft() {
        // 3x2:  a b c
        //       d e f
        RgbImage image = new RgbImage(3, 2, new byte[] {1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6});

        RgbImage upright = ExifOrientation.apply(image, 6);

        // 2x3:  d a
        //       e b
        //       f c
        assertThat(upright.size()).isEqualTo(new ImageSize(2, 3));
        assertThat(upright.pixels()).containsExactly(4, 4, 4, 1, 1, 1, 5, 5, 5, 2, 2, 2, 6, 6, 6, 3, 3, 3);
    }

    @Test
    void probeReportsTheUprightSize() throws Exception {
        ImageInfo info = new ImageDecoder().probe(Fixtures.bytes("/fixtures/decode/orientation-6.jpg"));

        assertThat(info).isEqualTo(new ImageInfo(ImageFormat.JPEG, 16, 24));
    }

    @Test
    void jpegWithoutExifIsUpright() {
        byte[] jpeg = TestImages.encode(TestImages.noise(8, 8, 1), "jpeg");

        assertThat(ExifOrientation.ofJpeg(jpeg)).isEqualTo(ExifOrientation.UPRIGHT);
    }

    @Test
    void damagedExifSegmentCountsAsUpright() {
        byte[] jpeg = Fixtures.bytes("/fixtures/decode/orientation-6.jpg");
        for (int cut = 4; cut < 60; cut++) {
            assertThat(ExifOrientation.ofJpeg(Arrays.copyOf(jpeg, cut))).isBetween(1, 8);
        }
        byte[] garbled = jpeg.clone();
        Arrays.fill(garbled, 10, 40, (byte) 0xEE);

        assertThat(ExifOrientation.ofJpeg(garbled)).isEqualTo(ExifOrientation.UPRIGHT);
    }
}
