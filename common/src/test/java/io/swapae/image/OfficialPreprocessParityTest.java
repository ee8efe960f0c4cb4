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
 * Every case of {@code fixtures/preprocess/manifest.json} (what the official {@code get_transform} makes of a few
 * images): same size, and within the manifest's tolerance of the official 8-bit output.
 */
class OfficialPreprocessParityTest {

    private static final String ROOT = "/fixtures/preprocess/";

    @TestFactory
    Stream<DynamicTest> preprocessingMatchesTheOfficialTransformWithinTolerance() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(Fixtures.bytes(ROOT + "manifest.json"));
        int tolerance = manifest.get("tolerance_max_abs_uint8").asInt();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : manifest.get("cases")) {
            String name = c.get("output").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                RgbImage input = Fixtures.image(ROOT + c.get("image").asText());
                RgbImage expected = Fixtures.image(ROOT + name);
                Preprocessor preprocessor = new Preprocessor(Preprocess.of(c.get("official_preprocess").asText(),
                        c.get("load_size").asInt(), c.get("crop_size").asInt()));

                RgbImage actual = preprocessor.apply(input);

                assertThat(actual.size()).isEqualTo(expected.size());
                assertThat(preprocessor.outputSize(input.width(), input.height())).isEqualTo(expected.size());
                PixelDiff diff = PixelDiff.between(actual, expected);
                System.out.println("preprocess parity " + name + ": " + diff);
                assertThat(diff.maxAbs()).as(name + ": " + diff).isLessThanOrEqualTo(tolerance);
            }));
        }
        assertThat(tests).isNotEmpty();
        return tests.stream();
    }
}
