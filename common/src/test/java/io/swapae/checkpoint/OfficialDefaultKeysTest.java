package io.swapae.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.swapae.model.Architecture;
import io.swapae.model.ParameterLayout;

class OfficialDefaultKeysTest {

    private static final JsonNode DEFAULT = Fixtures.json("fixtures/official-default-keys.json");

    @Test
    void theDefaultLayoutHasTheOfficialKeysShapesAndOrder() {
        List<Fixtures.Key> official = Fixtures.keys(DEFAULT.get("keys")).stream()
                .filter(k -> k.key().startsWith("E.") || k.key().startsWith("G."))
                .toList();
        List<ParameterLayout.Entry> layout = ParameterLayout.of(Architecture.DEFAULT).entries();

        assertThat(layout.stream().map(ParameterLayout.Entry::key).toList())
                .containsExactlyElementsOf(official.stream().map(Fixtures.Key::key).toList());
        for (int i = 0; i < official.size(); i++) {
            assertThat(layout.get(i).shape()).as(official.get(i).key()).containsExactly(official.get(i).shape());
            assertThat(official.get(i).dtype()).isEqualTo("float32");
        }
    }

    @Test
    void theDefaultParameterCountsAreTheOfficialOnes() {
        ParameterLayout layout = ParameterLayout.of(Architecture.DEFAULT);

        assertThat(layout.parameterCount("E.")).isEqualTo(30_584_872L)
                .isEqualTo(DEFAULT.get("parameter_counts").get("E").asLong());
        assertThat(layout.parameterCount("G.")).isEqualTo(25_064_743L)
                .isEqualTo(DEFAULT.get("parameter_counts").get("G").asLong());
    }

    @Test
    void theDefaultArchitectureIsTheOfficialDefault() {
        assertThat(Fixtures.setAArchitecture()).isNotEqualTo(Architecture.DEFAULT);
        assertThat(Architecture.fromOptions(java.util.Map.of())).isEqualTo(Architecture.DEFAULT);
        DEFAULT.get("architecture").fields().forEachRemaining(e -> {
            String ours = Architecture.DEFAULT.toOptions().get(e.getKey());
            if (ours != null) {
                assertThat(ours).as(e.getKey()).isEqualTo(e.getValue().asText());
            }
        });
    }
}
