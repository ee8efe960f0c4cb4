package io.swapae.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapae.image.ImageSize;
import io.swapae.image.RgbImage;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleLandscapesTest {

    @Test
    void theSamePicturesForASeedAndOthersForAnotherSeed() {
        List<RgbImage> first = SampleLandscapes.render(4, 96, 7);
        List<RgbImage> again = SampleLandscapes.render(4, 96, 7);
        List<RgbImage> other = SampleLandscapes.render(4, 96, 8);

        assertThat(again).isEqualTo(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(other.get(i)).as("picture %d", i).isNotEqualTo(first.get(i));
        }
    }

    @Test
    void everyPictureOfASetDiffersAndHasTheAskedSize() {
        List<RgbImage> set = SampleLandscapes.render(6, 80, 1);

        assertThat(new HashSet<>(set)).hasSize(6);
        assertThat(set).allSatisfy(image -> assertThat(image.size()).isEqualTo(new ImageSize(80, 80)));
    }

    @Test
    void aPictureIsTheSameAloneAsInItsSet() {
        assertThat(SampleLandscapes.picture(64, 3, 2)).isEqualTo(SampleLandscapes.render(3, 64, 3).get(2));
    }

    @Test
    void picturesAreNotFlat() {
        for (RgbImage image : SampleLandscapes.render(3, 64, 0)) {
            long distinct = new HashSet<>(java.util.stream.IntStream.range(0, 64 * 64)
                    .mapToObj(i -> image.rgb(i % 64, i / 64)).toList()).size();
            assertThat(distinct).as(image.toString()).isGreaterThan(200);
        }
    }

    @Test
    void aTooSmallSizeIsRefused() {
        assertThatThrownBy(() -> SampleLandscapes.picture(8, 0, 0)).hasMessageContaining("size must be >= 16, got 8");
    }
}
