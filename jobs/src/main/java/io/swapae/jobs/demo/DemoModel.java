package io.swapae.jobs.demo;

import io.swapae.image.Preprocess;
import io.swapae.jobs.encode.EncodeModel;
import io.swapae.jobs.models.ModelReferences;
import io.swapae.jobs.runtime.CheckpointSource;
import io.swapae.jobs.storage.ObjectStorage;
import io.swapae.model.Architecture;
import io.swapae.runtime.RuntimeOptions;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;

/**
 * The model the demo runs, as {@code --model} names it (resolved here and nowhere else), with what the console and
 * the page say about it.
 *
 * @param encodeModel  what the encode job runs and the grid is decoded with
 * @param name         how the console and the page name it
 * @param untrained    whether its weights are known to be untrained (the embedded default)
 */
public record DemoModel(EncodeModel encodeModel, String name, boolean untrained) {

    /** The embedded default's sample side when {@code --size} is not given: the official default architecture's. */
    static final int DEFAULT_SIZE = 256;

    /** How to run the demo with a real model. */
    static final String REAL_MODEL_HINT = "swapae models get mountain, then swapae demo --model mountain"
            + " (or --model PATH|URI: an official checkpoint .pth with its opt.txt, or a .safetensors)";

    /**
     * The embedded default model when {@code model} is {@code null}, with its preprocessing at {@code size} (checked
     * against the default architecture); else the model it names (a released model's name from the model cache, a
     * checkpoint path or URI), with its own preprocessing.
     *
     * @throws IOException when the checkpoint cannot be read
     */
    static DemoModel resolve(String model, Integer size) throws IOException {
        if (model == null) {
            int side = size != null ? size : DEFAULT_SIZE;
            try {
                Architecture.DEFAULT.checkInputSize(side, side);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--size " + side + " with the embedded default model: "
                        + e.getMessage(), e);
            }
            EncodeModel embedded = EncodeModel.embeddedDefault(
                    Preprocess.of("scale_shortside_and_crop", side, side), RuntimeOptions.DEFAULT);
            return new DemoModel(embedded, "the embedded default model (the official 256 px architecture with"
                    + " untrained, random weights)", true);
        }
        CheckpointSource checkpoint = ModelReferences.official(null).resolve(model);
        Configuration hadoop = ObjectStorage.configure(new Configuration(), ObjectStorage.Options.none());
        return new DemoModel(EncodeModel.of(checkpoint, null, RuntimeOptions.DEFAULT, hadoop), checkpoint.toString(),
                false);
    }
}
