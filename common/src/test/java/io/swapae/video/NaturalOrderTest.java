package io.swapae.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {

    @Test
    void numbersInNamesCompareByValue() {
        List<String> names = new ArrayList<>(List.of("frame10.png", "frame2.png", "frame1.png", "frame100.png",
                "frame9.png"));

        names.sort(NaturalOrder.INSTANCE);

        assertThat(names).containsExactly("frame1.png", "frame2.png", "frame9.png", "frame10.png", "frame100.png");
    }

    @Test
    void letterCaseAndLeadingZerosOnlyBreakTies() {
        List<String> names = new ArrayList<>(List.of("Frame3.png", "frame2.png", "frame002.png", "frame4.png"));

        names.sort(NaturalOrder.INSTANCE);

        assertThat(names).containsExactly("frame002.png", "frame2.png", "Frame3.png", "frame4.png");
    }

    @Test
    void numbersLongerThanALongStillCompareByValue() {
        List<String> names = new ArrayList<>(List.of("shot_100000000000000000000_a", "shot_99999999999999999999_a",
                "shot_7_b", "shot_7_a"));

        names.sort(NaturalOrder.INSTANCE);

        assertThat(names).containsExactly("shot_7_a", "shot_7_b", "shot_99999999999999999999_a",
                "shot_100000000000000000000_a");
    }

    @Test
    void aNameBeforeItsExtensions() {
        assertThat(NaturalOrder.INSTANCE.compare("frame1", "frame1.png")).isNegative();
        assertThat(NaturalOrder.INSTANCE.compare("frame1.png", "frame1")).isPositive();
        assertThat(NaturalOrder.INSTANCE.compare("frame1.png", "frame1.png")).isZero();
    }
}
