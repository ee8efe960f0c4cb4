package io.swapae.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tokenizer against open_clip's, stage by stage, on every prompt of the fixture. */
class ClipTokenizerTest {

    private static final ClipTokenizer TOKENIZER = ClipTokenizer.openAi();

    private static String prompt(JsonNode p) {
        return new String(HexFormat.of().parseHex(p.get("utf8_hex").asText()), StandardCharsets.UTF_8);
    }

    private static List<String> strings(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void idsEqualOpenClipForEveryFixturePrompt() {
        long[][] expected = ClipFixture.tokenIds();
        JsonNode prompts = ClipFixture.prompts().get("prompts");
        assertThat(prompts).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            String text = prompt(prompts.get(i));
            assertThat(TOKENIZER.encode(text)).as("prompt %d %s", i, prompts.get(i).get("note").asText())
                    .containsExactly(expected[i]);
        }
    }

    @Test
    void everyStageEqualsOpenClipForEveryFixturePrompt() {
        for (JsonNode p : ClipFixture.prompts().get("prompts")) {
            String text = prompt(p);
            String why = "prompt " + p.get("index").asInt() + " (" + p.get("note").asText() + ")";
            assertThat(FtfyText.fix(text)).as(why + " after ftfy").isEqualTo(p.get("after_ftfy_fix_text").asText());
            String cleaned = ClipTokenizer.clean(text);
            assertThat(cleaned).as(why + " cleaned").isEqualTo(p.get("cleaned_lowercase").asText());
            assertThat(ClipTokenizer.preTokens(cleaned)).as(why + " pre-tokens")
                    .containsExactlyElementsOf(strings(p.get("pre_tokens")));
            assertThat(TOKENIZER.bpeTokens(cleaned)).as(why + " BPE tokens")
                    .containsExactlyElementsOf(strings(p.get("bpe_tokens")));
            List<Integer> ids = new ArrayList<>();
            p.get("bpe_ids").forEach(n -> ids.add(n.asInt()));
            assertThat(TOKENIZER.bpeIds(cleaned)).as(why + " BPE ids").containsExactlyElementsOf(ids);
        }
    }

    @Test
    void longTextIsCutWithTheEndTokenLast() {
        long[] ids = TOKENIZER.encode("cat ".repeat(200));
        assertThat(ids).hasSize(77);
        assertThat(ids[0]).isEqualTo(ClipTokenizer.START);
        assertThat(ids[76]).isEqualTo(ClipTokenizer.END);
        assertThat(ids[75]).isEqualTo(ids[1]);
    }

    @Test
    void shorterContextPadsWithZeros() {
        long[] ids = ClipTokenizer.withContext(8).encode("a photo");
        assertThat(ids).containsExactly(ClipTokenizer.START, 320, 1125, ClipTokenizer.END, 0, 0, 0, 0);
    }

    @Test
    void specialTokenTextMapsToItsId() {
        assertThat(TOKENIZER.encode("<end_of_text>")[1]).isEqualTo(ClipTokenizer.END);
    }

    @Test
    void contextBelowTwoIsRefused() {
        assertThatThrownBy(() -> ClipTokenizer.withContext(1))
                .hasMessageContaining("at least 2").hasMessageContaining("got 1");
    }
}
