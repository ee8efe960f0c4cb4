package io.swapae.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The CLIP architecture from open_clip configs, presets and weights. */
class ClipConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void openClipConfigGivesTheFixtureArchitectureWithHeadsFromHeadWidth() {
        ClipConfig c = ClipFixture.config();
        JsonNode a = ClipFixture.manifest().at("/config/architecture");
        assertThat(c.imageSize()).isEqualTo(a.get("image_size").asInt());
        assertThat(c.patchSize()).isEqualTo(a.get("patch_size").asInt());
        assertThat(c.visionTokens()).isEqualTo(a.get("vision_tokens").asInt());
        assertThat(c.visionWidth()).isEqualTo(a.get("vision_width").asInt());
        assertThat(c.visionLayers()).isEqualTo(a.get("vision_layers").asInt());
        assertThat(c.visionHeads()).isEqualTo(a.get("vision_heads").asInt());
        assertThat(c.visionMlpWidth()).isEqualTo(a.get("vision_mlp_width").asInt());
        assertThat(c.contextLength()).isEqualTo(a.get("context_length").asInt());
        assertThat(c.vocabSize()).isEqualTo(a.get("vocab_size").asInt());
        assertThat(c.textWidth()).isEqualTo(a.get("text_width").asInt());
        assertThat(c.textLayers()).isEqualTo(a.get("text_layers").asInt());
        assertThat(c.textHeads()).isEqualTo(a.get("text_heads").asInt());
        assertThat(c.textMlpWidth()).isEqualTo(a.get("text_mlp_width").asInt());
        assertThat(c.embedDim()).isEqualTo(a.get("embed_dim").asInt());
        assertThat(c.quickGelu()).isTrue();
    }

    @Test
    void weightsGiveTheSameArchitectureWhenHeadsAreGiven() throws Exception {
        ClipConfig c = ClipFixture.config();
        assertThat(ClipConfig.inferFrom(ClipWeights.read(ClipFixture.file("open_clip_model.safetensors")),
                c.visionHeads(), c.textHeads(), true)).isEqualTo(c);
    }

    @Test
    void vitB32PresetIsOpenAisModel() {
        ClipConfig c = ClipConfig.preset("ViT-B/32");
        assertThat(c).isEqualTo(ClipConfig.preset("ViT-B-32"));
        assertThat(new int[] {c.imageSize(), c.patchSize(), c.visionWidth(), c.visionLayers(), c.visionHeads(),
            c.textWidth(), c.textHeads(), c.textLayers(), c.embedDim(), c.contextLength(), c.vocabSize()})
                .containsExactly(224, 32, 768, 12, 12, 512, 8, 12, 512, 77, 49408);
        assertThat(c.visionTokens()).isEqualTo(50);
        assertThat(c.quickGelu()).isTrue();
    }

    @Test
    void unknownPresetListsTheKnownOnes() {
        assertThatThrownBy(() -> ClipConfig.preset("RN50"))
                .hasMessageContaining("'RN50'").hasMessageContaining("ViT-B-32");
    }

    @Test
    void optionBeyondOpenAisLayoutIsRefusedWithItsValue() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(ClipFixture.file("open_clip_config.json").toFile());
        ((ObjectNode) root.at("/model_cfg/vision_cfg")).put("attentional_pool", true);
        assertThatThrownBy(() -> ClipConfig.fromOpenClip(root))
                .hasMessageContaining("vision_cfg.attentional_pool = true").hasMessageContaining("accepted: false");
        ((ObjectNode) root.at("/model_cfg/vision_cfg")).remove("attentional_pool");
        ((ObjectNode) root.at("/model_cfg/text_cfg")).put("hf_model_name", "roberta-base");
        assertThatThrownBy(() -> ClipConfig.fromOpenClip(root)).hasMessageContaining("text_cfg.hf_model_name");
        ((ObjectNode) root.at("/model_cfg/text_cfg")).remove("hf_model_name");
        ((ObjectNode) root.at("/model_cfg/text_cfg")).put("colour", 1);
        assertThatThrownBy(() -> ClipConfig.fromOpenClip(root))
                .hasMessageContaining("text_cfg.colour is not a supported option");
    }

    @Test
    void widthThatHeadsDoNotDivideIsRefused() {
        assertThatThrownBy(() -> new ClipConfig(224, 32, 32, 2, 3, 128, 77, 49408, 16, 2, 2, 64, 24, true))
                .hasMessageContaining("vision width 32").hasMessageContaining("3 heads");
    }
}
