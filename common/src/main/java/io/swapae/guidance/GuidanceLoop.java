package io.swapae.guidance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.swapae.clip.ClipModel;
import io.swapae.clip.ClipPreprocess;
import io.swapae.clip.ThreadGradients;
import io.swapae.latent.CodeNormalization;
import io.swapae.model.Noise;
import io.swapae.model.SwappingAutoencoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CLIP guidance of codes: Adam on the texture and/or structure codes of a batch of (picture, prompt) pairs, so that
 * the decoded pictures move towards their prompts in CLIP's embedding space while staying near their original codes.
 *
 * <p>A pair's loss is the mean spherical distance {@code 2·asin(min(|a − p| / 2, 1 − 1e-4))²} between the unit CLIP embeddings
 * {@code a} of its random cutouts ({@link Cutouts}) and its prompt {@code p}, minus {@link
 * GuidanceSettings#NEGATIVE_WEIGHT} times that to its negative prompt, plus {@code λ·||code − original||²}. The
 * batch's losses are summed, so each pair's gradient is its own. After each step the codes are re-normalised as the
 * encoder leaves them (unit texture code, unit channel vector at each structure location); with a region, structure
 * locations outside it keep their original values. Gradients are taken with {@link ThreadGradients} on the calling
 * thread, so loops on several threads of one executor do not interfere; a pair's result does not depend on the
 * other pairs of its batch beyond rounding.
 */
public final class GuidanceLoop {

    /** Largest half chord taken into asin: its slope grows without bound at 1 (opposite embeddings). */
    private static final float HALF_CHORD_LIMIT = 1f - 1e-4f;

    private final SwappingAutoencoder network;
    private final ClipModel clip;
    private final GuidanceSettings settings;
    private final long noiseSeed;
    private final Cutouts cutouts;

    /**
     * @param network   the model that made the codes
     * @param clip      the CLIP model whose embeddings the prompts are
     * @param settings  how to guide
     * @param noiseSeed the seed of the generator's noise (the job's, so the final pictures decode as optimised)
     */
    public GuidanceLoop(SwappingAutoencoder network, ClipModel clip, GuidanceSettings settings, long noiseSeed) {
        this.network = network;
        this.clip = clip;
        this.settings = settings;
        this.noiseSeed = noiseSeed;
        this.cutouts = new Cutouts(settings.cutouts(), settings.cutoutSize(), settings.seed(),
                ClipPreprocess.of(clip.config()));
    }

    /** The optimisation state of one batch. */
    private final class Batch {
        final List<GuidancePair> pairs;
        final int[] shape;
        final int structureSize;
        final int textureSize;
        final float[][] structures;
        final float[][] textures;
        final Adam[] structureAdam;
        final Adam[] textureAdam;
        final boolean[] region;
        final long[] keys;
        final long[] noiseIds;
        final float[][] losses;
        final List<List<GuidanceResult.Snapshot>> snapshots = new ArrayList<>();

        Batch(List<GuidancePair> pairs) {
            this.pairs = pairs;
            GuidancePair first = pairs.get(0);
            shape = first.structureShape();
            structureSize = first.structure().length;
            textureSize = first.texture().length;
            int n = pairs.size();
            structures = new float[n][];
            textures = new float[n][];
            structureAdam = new Adam[n];
            textureAdam = new Adam[n];
            keys = new long[n];
            noiseIds = new long[n];
            losses = new float[n][settings.steps() + 1];
            for (int i = 0; i < n; i++) {
                GuidancePair p = pairs.get(i);
                if (!Arrays.equals(p.structureShape(), shape) || p.texture().length != textureSize
                        || p.prompt().length != first.prompt().length) {
                    throw new IllegalArgumentException("pair " + i + " of a batch has structure code "
                            + Arrays.toString(p.structureShape()) + ", " + p.texture().length
                            + " texture values and a prompt of " + p.prompt().length + "; the first has "
                            + Arrays.toString(shape) + ", " + textureSize + " and " + first.prompt().length);
                }
                structures[i] = p.structure().clone();
                textures[i] = p.texture().clone();
                structureAdam[i] = new Adam(structureSize, settings.learningRate());
                textureAdam[i] = new Adam(textureSize, settings.learningRate());
                keys[i] = p.key();
                noiseIds[i] = p.noiseId();
                snapshots.add(new ArrayList<>());
            }
            region = settings.region() == null ? null : settings.region().locations(shape[1], shape[2]);
            if (region != null && !contains(region, true)) {
                throw new IllegalArgumentException("--region " + settings.region() + " holds no location of the "
                        + shape[1] + "×" + shape[2] + " structure code: make it larger");
            }
        }

        int size() {
            return pairs.size();
        }

        void snapshot(int step) {
            for (int i = 0; i < size(); i++) {
                snapshots.get(i).add(new GuidanceResult.Snapshot(step, structures[i].clone(), textures[i].clone()));
            }
        }
    }

    /** Guides {@code pairs} together (structure codes of one shape) and returns their results in order. */
    public List<GuidanceResult> run(List<GuidancePair> pairs) {
        if (pairs.isEmpty()) {
            return List.of();
        }
        Batch batch = new Batch(pairs);
        int every = settings.snapshotEvery();
        for (int step = 0; step < settings.steps(); step++) {
            if (every > 0 && step % every == 0) {
                batch.snapshot(step);
            }
            step(batch, step);
        }
        if (every > 0) {
            batch.snapshot(settings.steps());
        }
        float[] last = evaluate(batch);
        List<GuidanceResult> results = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            batch.losses[i][settings.steps()] = last[i];
            results.add(new GuidanceResult(batch.structures[i], batch.textures[i], batch.losses[i],
                    batch.snapshots.get(i)));
        }
        return results;
    }

    /** One Adam step of every pair; records each pair's CLIP loss before it. */
    private void step(Batch batch, int step) {
        GuidanceTarget target = settings.target();
        float[] clipLosses = new float[batch.size()];
        try (NDManager m = network.manager().newSubManager()) {
            NDList inputs = new NDList();
            if (target.structure()) {
                inputs.add(m.create(flat(batch.structures), structureShape(batch)));
            }
            if (target.texture()) {
                inputs.add(m.create(flat(batch.textures), new Shape(batch.size(), batch.textureSize)));
            }
            try (ThreadGradients.Result r = ThreadGradients.compute(inputs, leaves -> {
                NDManager scope = leaves.get(0).getManager();
                NDArray s = target.structure() ? leaves.get(0)
                        : scope.create(flat(batch.structures), structureShape(batch));
                NDArray t = target.texture() ? leaves.get(leaves.size() - 1)
                        : scope.create(flat(batch.textures), new Shape(batch.size(), batch.textureSize));
                NDArray clipLoss = clipLoss(batch, s, t, step);
                System.arraycopy(clipLoss.toFloatArray(), 0, clipLosses, 0, batch.size());
                NDArray total = clipLoss;
                if (settings.lambda() > 0) {
                    if (target.structure()) {
                        total = total.add(distance(s, originals(scope, batch, true)).mul(settings.lambda()));
                    }
                    if (target.texture()) {
                        total = total.add(distance(t, originals(scope, batch, false)).mul(settings.lambda()));
                    }
                }
                return total.sum();
            })) {
                int g = 0;
                if (target.structure()) {
                    update(batch, r.gradients().get(g++).toFloatArray(), true);
                }
                if (target.texture()) {
                    update(batch, r.gradients().get(g).toFloatArray(), false);
                }
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.losses[i][step] = clipLosses[i];
        }
    }

    /** The CLIP loss of the current codes with the first step's cutouts, without gradients. */
    private float[] evaluate(Batch batch) {
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager m = network.manager().newSubManager()) {
            NDArray s = m.create(flat(batch.structures), structureShape(batch));
            NDArray t = m.create(flat(batch.textures), new Shape(batch.size(), batch.textureSize));
            return clipLoss(batch, s, t, 0).toFloatArray();
        } finally {
            JniUtils.setGradMode(previous);
        }
    }

    /** Per pair {@code [B]}: mean spherical distance to the prompt, less the weighted one to the negative prompt. */
    private NDArray clipLoss(Batch batch, NDArray structure, NDArray texture, int step) {
        NDManager m = structure.getManager();
        int n = batch.size();
        int k = cutouts.count();
        NDArray pictures = network.generateDifferentiable(structure, texture,
                Noise.seeded(noiseSeed, batch.noiseIds));
        NDArray views = cutouts.apply(pictures, batch.keys, step);
        NDArray embeddings = ClipModel.normalize(clip.encodeImage(views));
        int dim = (int) embeddings.getShape().get(1);
        NDArray perCutout = embeddings.reshape(n, k, dim);
        float[][] prompts = new float[n][];
        float[][] negatives = new float[n][];
        float[] negativeWeights = new float[n];
        for (int i = 0; i < n; i++) {
            GuidancePair p = batch.pairs.get(i);
            prompts[i] = p.prompt();
            negatives[i] = p.negative() == null ? new float[dim] : p.negative();
            negativeWeights[i] = p.negative() == null ? 0f : (float) GuidanceSettings.NEGATIVE_WEIGHT;
        }
        NDArray loss = spherical(perCutout, m.create(flat(prompts), new Shape(n, 1, dim)));
        if (contains(negativeWeights)) {
            NDArray away = spherical(perCutout, m.create(flat(negatives), new Shape(n, 1, dim)));
            loss = loss.sub(away.mul(m.create(negativeWeights)));
        }
        return loss;
    }

    /** {@code mean_k 2·asin(|a_k − p| / 2)²} per pair of unit embeddings {@code a [B, K, E]}, {@code p [B, 1, E]}. */
    private static NDArray spherical(NDArray a, NDArray p) {
        NDArray length = a.sub(p).square().sum(new int[] {2}).add(1e-12f).sqrt();
        NDArray angle = length.div(2f).clip(0f, HALF_CHORD_LIMIT).asin();
        return angle.square().mul(2f).mean(new int[] {1});
    }

    /** {@code ||x − original||²} per pair {@code [B]}. */
    private static NDArray distance(NDArray x, NDArray original) {
        NDArray squared = x.sub(original).square();
        return squared.reshape(x.getShape().get(0), -1).sum(new int[] {1});
    }

    private static NDArray originals(NDManager m, Batch batch, boolean structure) {
        int n = batch.size();
        float[][] codes = new float[n][];
        for (int i = 0; i < n; i++) {
            codes[i] = structure ? batch.pairs.get(i).structure() : batch.pairs.get(i).texture();
        }
        return structure ? m.create(flat(codes), structureShape(batch))
                : m.create(flat(codes), new Shape(n, batch.textureSize));
    }

    /** Adam on each pair's code, then re-normalisation (and the original code outside the region). */
    private void update(Batch batch, float[] gradients, boolean structure) {
        int size = structure ? batch.structureSize : batch.textureSize;
        int plane = batch.shape[1] * batch.shape[2];
        for (int i = 0; i < batch.size(); i++) {
            float[] gradient = Arrays.copyOfRange(gradients, i * size, (i + 1) * size);
            if (structure) {
                if (batch.region != null) {
                    for (int j = 0; j < size; j++) {
                        if (!batch.region[j % plane]) {
                            gradient[j] = 0f;
                        }
                    }
                }
                batch.structureAdam[i].step(batch.structures[i], gradient);
                float[] unit = CodeNormalization.structure(batch.structures[i], batch.shape);
                if (batch.region != null) {
                    float[] original = batch.pairs.get(i).structure();
                    for (int j = 0; j < size; j++) {
                        if (!batch.region[j % plane]) {
                            unit[j] = original[j];
                        }
                    }
                }
                batch.structures[i] = unit;
            } else {
                batch.textureAdam[i].step(batch.textures[i], gradient);
                batch.textures[i] = CodeNormalization.texture(batch.textures[i]);
            }
        }
    }

    private static Shape structureShape(Batch batch) {
        return new Shape(batch.size(), batch.shape[0], batch.shape[1], batch.shape[2]);
    }

    private static float[] flat(float[][] rows) {
        int width = rows[0].length;
        float[] out = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * width, width);
        }
        return out;
    }

    private static boolean contains(float[] values) {
        for (float v : values) {
            if (v != 0f) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(boolean[] values, boolean wanted) {
        for (boolean v : values) {
            if (v == wanted) {
                return true;
            }
        }
        return false;
    }
}
