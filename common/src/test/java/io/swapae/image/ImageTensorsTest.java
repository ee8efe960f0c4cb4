package io.swapae.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageTensorsTest {

    private static RgbImage twoPixels() {
        return new RgbImage(2, 1, new byte[] {0, (byte) 128, (byte) 255, 10, 20, 30});
    }

    @Test
    void networkInputIsChannelMajorAndNormalisedLikeToTensorThenNormalize() {
        float[] chw = ImageTensors.toChw(twoPixels());

        assertThat(chw).containsExactly(
                -1f, (10 / 255f - 0.5f) / 0.5f,
                (128 / 255f - 0.5f) / 0.5f, (20 / 255f - 0.5f) / 0.5f,
                1f, (30 / 255f - 0.5f) / 0.5f);
    }

    @Test
    void networkInputIsWrittenAtABatchOffset() {
        float[] batch = new float[2 * 6];

        ImageTensors.toChw(twoPixels(), batch, 6);

        assertThat(batch).startsWith(0f, 0f, 0f, 0f, 0f, 0f);
        assertThat(batch[6]).isEqualTo(-1f);
        assertThat(batch[11]).isEqualTo((30 / 255f - 0.5f) / 0.5f);
    }

    @Test
    void networkInputRefusesABatchWithoutRoom() {
        assertThatThrownBy(() -> ImageTensors.toChw(twoPixels(), new float[8], 4))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void outputFollowsTensor2imClippingAndTruncating() {
        float[] red = {0f, -1f, 1f};
        float[] green = {0.5f, -0.3f, 2f};
        float[] blue = {-2f, 0.00392f, Float.NaN};
        float[] chw = new float[9];
        System.arraycopy(red, 0, chw, 0, 3);
        System.arraycopy(green, 0, chw, 3, 3);
        System.arraycopy(blue, 0, chw, 6, 3);

        RgbImage image = ImageTensors.fromChw(chw, 0, 3, 1);

        // numpy on float32: np.clip((x + 1) / 2.0 * 255.0, 0, 255).astype(np.uint8) gives
        // red 127 0 255, green 191 89 255, blue 0 127 (NaN: 0)
        assertThat(image.rgb(0, 0)).isEqualTo(127 << 16 | 191 << 8);
        assertThat(image.rgb(1, 0)).isEqualTo(89 << 8 | 127);
        assertThat(image.rgb(2, 0)).isEqualTo(255 << 16 | 255 << 8);
    }

    @Test
    void roundTripLosesOneLevelWhereTheOfficialCodeDoes() {
        byte[] levels = new byte[256 * 3];
        for (int v = 0; v < 256; v++) {
            levels[3 * v] = levels[3 * v + 1] = levels[3 * v + 2] = (byte) v;
        }
        RgbImage image = new RgbImage(256, 1, levels);

        RgbImage back = ImageTensors.fromChw(ImageTensors.toChw(image), 0, 256, 1);

        int changed = 0;
        for (int v = 0; v < 256; v++) {
            int got = back.get(v, 0, 0);
            assertThat(got).isBetween(v - 1, v);
            changed += got != v ? 1 : 0;
        }
        assertThat(changed).as("levels numpy float32 also truncates one lower").isEqualTo(63);
    }
}
