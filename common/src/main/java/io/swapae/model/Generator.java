package io.swapae.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.swapae.checkpoint.CheckpointException;
import java.util.ArrayList;
import java.util.List;

/**
 * The official {@code StyleGAN2ResnetGenerator}: the structure code modulated by the texture code, head resnet
 * blocks at the code's resolution, upsampling resnet blocks to the image's, and a modulated 1×1 ToRGB.
 */
final class Generator {

    /**
     * The official {@code StyledConv}: modulated conv, noise injection ({@code out + w * noise}), fused leaky ReLU.
     * On the fast path the activation's {@code sqrt(2)} gain is left to the consumer ({@link #gain}), which applies
     * it for free (in a style vector or a residual sum) instead of in a pass over the output.
     */
    private static final class StyledConv {
        final ModulatedConv2d conv;
        final float noiseWeight;
        final boolean useNoise;
        final NDArray bias;

        StyledConv(Weights w, String p, int in, int out, int style, int[] upsampleTaps, boolean useNoise)
                throws CheckpointException {
            conv = new ModulatedConv2d(w, p + "conv.", in, out, 3, style, true, upsampleTaps);
            try (NDArray nw = w.get(p + "noise.weight", new long[] {1})) {
                noiseWeight = nw.toFloatArray()[0];
            }
            this.useNoise = useNoise;
            bias = w.keep(p + "activate.bias", new long[] {out});
        }

        /** The factor by which this layer's output is smaller than the official one on {@code path}. */
        static float gain(ComputePath path) {
            return path == ComputePath.FAST ? Ops.SQRT2 : 1f;
        }

        NDArray forward(NDArray x, float inputGain, NDArray texture, ComputePath path, NDArray noise) {
            // the bias is added by the convolution: before the noise instead of after it, the same sum
            NDArray y = conv.forward(x, texture, path, inputGain, bias);
            if (useNoise && noise != null) {
                try (NDArray scaled = noise.mul(noiseWeight)) {
                    y.addi(scaled);
                }
            }
            return Ops.fusedLeakyReluConsuming(y, null, gain(path) == 1f);
        }
    }

    /** HeadResnetBlock ({@code upsample=false}) or UpsamplingResBlock ({@code upsample=true}). */
    private static final class ResBlock {
        final StyledConv conv1;
        final StyledConv conv2;
        final ConvLayer skip;
        final boolean upsample;

        ResBlock(Weights w, String p, int in, int out, int style, int[] taps, boolean useNoise)
                throws CheckpointException {
            upsample = taps != null;
            conv1 = new StyledConv(w, p + "conv1.", in, out, style, taps, useNoise);
            conv2 = new StyledConv(w, p + "conv2.", out, out, style, null, useNoise);
            // head blocks: 1x1 conv without bias or activation; upsampling blocks: 1x1 conv + fused leaky ReLU
            skip = in == out ? null : ConvLayer.pointwise(w, p + "skip.", in, out, upsample, upsample, true);
        }

        /** {@code (skip(x) + conv2(conv1(x))) / sqrt(2)}, the skip upsampled bilinearly in upsampling blocks. */
        NDArray forward(NDArray x, NDArray texture, ComputePath path, NDArray noise1, NDArray noise2) {
            float gain = StyledConv.gain(path);
            NDArray res;
            try (NDArray a = conv1.forward(x, 1f, texture, path, noise1)) {
                res = conv2.forward(a, gain, texture, path, noise2);
            }
            float skipGain = 1f;
            NDArray s = x;
            if (skip != null) {
                s = skip.forward(x, path);
                skipGain = skip.outputGain(path);
            }
            if (upsample) {
                NDArray up = Ops.bilinearUp2(s);
                if (s != x) {
                    s.close();
                }
                s = up;
            }
            // (gain * res + skipGain * s) / sqrt(2), with as few passes over the output as the gains allow
            float a = gain / Ops.SQRT2;
            float b = skipGain / Ops.SQRT2;
            if (b == 1f) {
                if (a != 1f) {
                    res.muli(a);
                }
                res.addi(s);
            } else {
                res.muli(a / b).addi(s).muli(b);
            }
            if (s != x) {
                s.close();
            }
            return res;
        }
    }

    private final Architecture arch;
    private final DataType computeType;
    private final NDArray modScaleWeight;
    private final NDArray modScaleBias;
    private final NDArray modBiasWeight;
    private final NDArray modBiasBias;
    private final List<ResBlock> head = new ArrayList<>();
    private final List<ResBlock> up = new ArrayList<>();
    private final ModulatedConv2d toRgb;
    private final NDArray toRgbBias;

    Generator(Architecture arch, Weights w) throws CheckpointException {
        this.arch = arch;
        this.computeType = w.computeType();
        int style = arch.globalCodeCh();
        int sp = arch.spatialCodeCh();
        float linScale = (float) (1.0 / Math.sqrt(style));
        try (NDArray a = w.get("G.SpatialCodeModulation.scale.weight", new long[] {sp, style});
             NDArray b = w.get("G.SpatialCodeModulation.bias.weight", new long[] {sp, style})) {
            modScaleWeight = w.keep(a.mul(linScale));
            modBiasWeight = w.keep(b.mul(linScale));
        }
        modScaleBias = w.keep("G.SpatialCodeModulation.scale.bias", new long[] {sp});
        modBiasBias = w.keep("G.SpatialCodeModulation.bias.bias", new long[] {sp});
        int in = sp;
        for (int i = 0; i < arch.netGNumBaseResnetLayers(); i++) {
            int out = arch.headChannels(i);
            head.add(new ResBlock(w, "G.HeadResnetBlock" + i + ".", in, out, style, null, true));
            in = out;
        }
        int[] taps = arch.useAntialias() ? new int[] {1, 3, 3, 1} : new int[] {1};
        for (int j = 0; j < arch.netENumDownsamplingSp(); j++) {
            int out = arch.generatorChannels(j + 1);
            up.add(new ResBlock(w, "G.UpsamplingResBlock" + (1 << (4 + j)) + ".", in, out, style, taps,
                    arch.netGUseNoise()));
            in = out;
        }
        toRgb = new ModulatedConv2d(w, "G.ToRGB.conv.", in, 3, 1, style, false, null);
        toRgbBias = w.keep("G.ToRGB.bias", new long[] {1, 3, 1, 1}, 3);
    }

    /** Number of noise layers in forward order (two per block). */
    int noiseLayers() {
        return 2 * (head.size() + up.size());
    }

    /**
     * Decodes structure codes {@code (N, C, h, w)} with texture codes {@code (N, D)} into float32 images in [-1, 1].
     * The codes are normalized, and the structure code modulated, in float32; the rest runs in the compute type.
     */
    NDArray forward(NDArray structure, NDArray texture, Noise noise, ComputePath path, List<NDArray> trace) {
        long[] s = structure.getShape().getShape();
        long[] t = texture.getShape().getShape();
        if (s.length != 4 || s[1] != arch.spatialCodeCh()) {
            throw new IllegalArgumentException("structure codes must be (N, " + arch.spatialCodeCh() + ", h, w), got "
                    + structure.getShape());
        }
        if (t.length != 2 || t[0] != s[0] || t[1] != arch.globalCodeCh()) {
            throw new IllegalArgumentException("texture codes must be (" + s[0] + ", " + arch.globalCodeCh()
                    + "), got " + texture.getShape());
        }
        int n = (int) s[0];
        NDManager manager = structure.getManager();
        try (NDArray sp = Ops.normalize(structure); NDArray gl32 = Ops.normalize(texture)) {
            NDArray gl = gl32.getDataType() == computeType ? gl32 : gl32.toType(computeType, false);
            try {
                return forward(sp, gl, noise, path, trace, n, (int) s[2], (int) s[3], manager);
            } finally {
                if (gl != gl32) {
                    gl.close();
                }
            }
        }
    }

    /** {@link #forward} from the normalized codes: {@code sp} float32, {@code gl} in the compute type. */
    private NDArray forward(NDArray sp, NDArray gl, Noise noise, ComputePath path, List<NDArray> trace, int n,
                            int h, int w, NDManager manager) {
        NDArray x;
        try (NDArray scale = Ops.linear(gl, modScaleWeight, modScaleBias);
             NDArray bias = Ops.linear(gl, modBiasWeight, modBiasBias);
             NDArray scale4 = scale.reshape(n, -1, 1, 1); NDArray bias4 = bias.reshape(n, -1, 1, 1)) {
            // float32 (sp is): float16 scale and bias are promoted
            x = Ops.castConsuming(sp.mul(scale4).addi(bias4), computeType);
        }
        if (trace != null) {
            trace.add(Ops.float32Copy(x));
        }
        int layer = 0;
        for (ResBlock block : head) {
            x = step(block, x, gl, path, noise, layer, n, h, w, h, w, manager);
            layer += 2;
        }
        if (trace != null) {
            trace.add(Ops.float32Copy(x));
        }
        for (ResBlock block : up) {
            x = step(block, x, gl, path, noise, layer, n, 2 * h, 2 * w, 2 * h, 2 * w, manager);
            layer += 2;
            h *= 2;
            w *= 2;
        }
        NDArray last = x;
        try (last) {
            return Ops.castConsuming(toRgb.forward(last, gl, path, 1f, toRgbBias), DataType.FLOAT32);
        }
    }

    private NDArray step(ResBlock block, NDArray x, NDArray gl, ComputePath path, Noise noise, int layer,
                         int n, int h1, int w1, int h2, int w2, NDManager manager) {
        try (NDArray n1 = block.conv1.useNoise ? noise(noise, layer, n, h1, w1, manager) : null;
             NDArray n2 = block.conv2.useNoise ? noise(noise, layer + 1, n, h2, w2, manager) : null;
             x) {
            return block.forward(x, gl, path, n1, n2);
        }
    }

    /** The noise of {@code layer} in the compute type, or {@code null} when none is injected. */
    private NDArray noise(Noise noise, int layer, int n, int h, int w, NDManager manager) {
        NDArray map = noise.layer(layer, n, h, w, manager);
        return map == null ? null : Ops.castConsuming(map, computeType);
    }
}
