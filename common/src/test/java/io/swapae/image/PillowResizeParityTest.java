package io.swapae.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of {@code fixtures/preprocess-extra/manifest.json} (made by its {@code make_extra.py} with Pillow and
 * the official transform): plain bicubic resizes of odd sizes up and down, and the modes the official fixture lacks.
 */
class PillowResizeParityTest {

    private static final String ROOT = "/fixtures/preprocess-extra/";

    @TestFactory
    Stream<DynamicTest> resizesAndModesMatchPillowWithinTolerance() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(Fixtures.bytes(ROOT + "manifest.json"));
        int tolerance = manifest.get("tolerance_max_abs_uint8").asInt();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : manifest.get("cases")) {
            String name = c.get("output").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                RgbImage input = Fixtures.image(ROOT + c.get("image").asText());
                RgbImage expected = Fixtures.image(ROOT + name);

                RgbImage actual = c.get("kind").asText().equals("resize")
                        ? BicubicResampler.resize(input, c.get("width").asInt(), c.get("height").asInt())
                        : new Preprocessor(Preprocess.of(c.get("official_preprocess").asText(),
                                c.get("load_size").asInt(), c.get("crop_size").asInt())).apply(input);

                assertThat(actual.size()).isEqualTo(expected.size());
                PixelDiff diff = PixelDiff.between(actual, expected);
                System.out.println("pillow parity " + name + ": " + diff);
                assertThat(diff.maxAbs()).as(name + ": " + diff).isLessThanOrEqualTo(tolerance);
            }));
        }
        assertThat(tests).isNotEmpty();
        return tests.stream();
    }
}
