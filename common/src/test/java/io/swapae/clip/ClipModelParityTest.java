package io.swapae.clip;

import static io.swapae.clip.ClipFixture.assertMatches;
import static io.swapae.clip.ClipFixture.ndarray;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.swapae.checkpoint.CheckpointException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CLIP model against open_clip's outputs on the fixture's weights, images and prompts, within its tolerances. */
class ClipModelParityTest {

    private static ClipModel model;
    private static NDManager arrays;

    @BeforeAll
    static void load() throws CheckpointException {
        model = ClipFixture.model();
        arrays = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        arrays.close();
        model.close();
    }

    @BeforeEach
    void inference() {
        JniUtils.setGradMode(false);
    }

    @Test
    void imageFeaturesMatchOpenClip() {
        try (NDArray input = ndarray(arrays, "input.npy.gz"); NDArray features = model.encodeImage(input);
             NDArray normalized = ClipModel.normalize(features)) {
            assertMatches(features, "image_features.npy");
            assertMatches(normalized, "image_features_normalized.npy");
        }
    }

    @Test
    void textFeaturesMatchOpenClip() {
        try (NDArray features = model.encodeText(ClipFixture.tokenIds(), arrays);
             NDArray normalized = ClipModel.normalize(features)) {
            assertMatches(features, "text_features.npy");
            assertMatches(normalized, "text_features_normalized.npy");
        }
    }

    @Test
    void logitsMatchOpenClipWithTheStoredTemperature() {
        assertThat((double) model.logitScale())
                .isCloseTo(ClipFixture.manifest().at("/config/architecture/exp_logit_scale").asDouble(),
                        offset(1e-5));
        try (NDArray input = ndarray(arrays, "input.npy.gz"); NDArray image = model.encodeImage(input);
             NDArray text = model.encodeText(ClipFixture.tokenIds(), arrays);
             NDArray logits = model.logits(image, text)) {
            assertMatches(logits, "logits_per_image.npy");
        }
    }

    @Test
    void imageTowerIntermediatesMatchOpenClip() {
        VisionTower v = model.vision();
        try (NDArray input = ndarray(arrays, "input.npy.gz"); NDArray patches = v.patches(input);
             NDArray tokens = v.tokens(patches)) {
            assertMatches(patches, "intermediate/vision_conv1.npy");
            assertMatches(tokens, "intermediate/vision_ln_pre.npy");
            NDArray x = tokens.duplicate();
            for (int i = 0; i < v.blockCount(); i++) {
                try (NDArray previous = x) {
                    x = v.block(i, previous);
                }
                assertMatches(x, "intermediate/vision_block" + i + ".npy");
            }
            try (NDArray last = x; NDArray pooled = v.pooled(last)) {
                assertMatches(pooled, "intermediate/vision_ln_post_cls.npy");
            }
        }
    }

    @Test
    void textTowerIntermediatesMatchOpenClip() {
        TextTower t = model.text();
        long[][] all = ClipFixture.tokenIds();
        int[] chosen = ClipFixture.textIntermediatePrompts();
        long[][] some = new long[chosen.length][];
        for (int i = 0; i < chosen.length; i++) {
            some[i] = all[chosen[i]];
        }
        try (NDArray ids = arrays.create(flatten(some), new Shape(some.length, 77));
             NDArray allIds = arrays.create(flatten(all), new Shape(all.length, 77))) {
            NDArray x = t.embed(ids);
            assertMatches(x, "intermediate/text_embed.npy");
            for (int i = 0; i < t.blockCount(); i++) {
                try (NDArray previous = x) {
                    x = t.block(i, previous);
                }
                assertMatches(x, "intermediate/text_block" + i + ".npy");
            }
            try (NDArray last = x; NDArray normed = t.lnFinal(last)) {
                assertMatches(normed, "intermediate/text_ln_final.npy");
            }
            NDArray y = t.embed(allIds);
            for (int i = 0; i < t.blockCount(); i++) {
                try (NDArray previous = y) {
                    y = t.block(i, previous);
                }
            }
            try (NDArray last = y; NDArray normed = t.lnFinal(last); NDArray pooled = t.pool(normed, allIds)) {
                assertMatches(pooled, "intermediate/text_pooled.npy");
            }
        }
    }

    private static long[] flatten(long[][] rows) {
        long[] flat = new long[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * rows[i].length, rows[i].length);
        }
        return flat;
    }
}
