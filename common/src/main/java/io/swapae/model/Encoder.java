package io.swapae.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.swapae.checkpoint.CheckpointException;
import java.util.ArrayList;
import java.util.List;

/**
 * The official {@code StyleGAN2ResnetEncoder}: an image in [-1, 1] to a structure code (spatial, L2-normalized over
 * channels) and a texture code (vector, L2-normalized). The convolutions run in the compute type; the texture
 * code's pooling and both codes' normalization run in float32, and the codes are float32.
 */
final class Encoder {

    /** The official encoder ResBlock: two 3×3 convs (the second downsampling) plus a blurred 1×1 stride-2 skip. */
    private static final class ResBlock {
        final ConvLayer conv1;
        final ConvLayer conv2;
        final ConvLayer skip;

        ResBlock(Weights w, String p, int in, int out, int[] taps) throws CheckpointException {
            conv1 = ConvLayer.reflect3x3(w, p + "conv1.", in, in);
            conv2 = ConvLayer.downsample(w, p + "conv2.", in, out, 3, taps, null, true, true, true);
            skip = ConvLayer.downsample(w, p + "skip.", in, out, 1, taps, null, false, false, false);
        }

        NDArray forward(NDArray x, ComputePath path) {
            try (NDArray a = conv1.forward(x, path); NDArray b = conv2.forward(a, path);
                 NDArray s = skip.forward(x, path)) {
                return b.add(s).muli(1f / Ops.SQRT2);
            }
        }
    }

    private final Architecture arch;
    private final DataType computeType;
    private final ConvLayer fromRgb;
    private final List<ResBlock> down = new ArrayList<>();
    private final ConvLayer toSpatial0;
    private final ConvLayer toSpatial1;
    private final List<ConvLayer> downToGlobal = new ArrayList<>();
    private final NDArray toGlobalWeight;
    private final NDArray toGlobalBias;

    Encoder(Architecture arch, Weights w) throws CheckpointException {
        this.arch = arch;
        this.computeType = w.computeType();
        int[] taps = arch.useAntialias() ? new int[] {1, 2, 1} : new int[] {1};
        fromRgb = ConvLayer.pointwise(w, "E.FromRGB.", 3, arch.encoderChannels(0), true, true);
        for (int i = 0; i < arch.netENumDownsamplingSp(); i++) {
            down.add(new ResBlock(w, "E.DownToSpatialCode.ResBlockDownBy" + (1 << i) + ".",
                    arch.encoderChannels(i), arch.encoderChannels(i + 1), taps));
        }
        int mid = arch.encoderChannels(arch.netENumDownsamplingSp());
        toSpatial0 = ConvLayer.pointwise(w, "E.ToSpatialCode.0.", mid, mid, true, true);
        toSpatial1 = ConvLayer.pointwise(w, "E.ToSpatialCode.1.", mid, arch.spatialCodeCh(), false, true);
        for (int i = 0; i < arch.netENumDownsamplingGl(); i++) {
            int idx = arch.netENumDownsamplingSp() + i;
            downToGlobal.add(ConvLayer.downsample(w, "E.DownToGlobalCode.ConvLayerDownBy" + (1 << idx) + ".",
                    arch.encoderChannels(idx), arch.encoderChannels(idx + 1), 3, new int[] {1}, 0, false, true, true));
        }
        int last = arch.encoderChannels(arch.netENumDownsamplingSp() + arch.netENumDownsamplingGl());
        try (NDArray raw = w.get("E.ToGlobalCode.0.weight", new long[] {arch.globalCodeCh(), last})) {
            toGlobalWeight = w.keep(raw.mul((float) (1.0 / Math.sqrt(last))));
        }
        toGlobalBias = w.keep("E.ToGlobalCode.0.bias", new long[] {arch.globalCodeCh()});
    }

    /**
     * Returns {structure, texture} (both normalized, float32), and when {@code trace} is non-null adds the
     * intermediates (float32).
     */
    NDArray[] forward(NDArray images, ComputePath path, List<NDArray> trace) {
        long[] s = images.getShape().getShape();
        if (s.length != 4 || s[1] != 3) {
            throw new IllegalArgumentException("images must be (N, 3, H, W), got " + images.getShape());
        }
        arch.checkInputSize((int) s[2], (int) s[3]);
        NDArray input = images.getDataType() == computeType ? images : images.toType(computeType, false);
        NDArray x = fromRgb.forward(input, path);
        if (input != images) {
            input.close();
        }
        for (ResBlock block : down) {
            NDArray next = block.forward(x, path);
            x.close();
            x = next;
        }
        NDArray midpoint = x;
        NDArray structureRaw;
        try (NDArray h = toSpatial0.forward(midpoint, path)) {
            structureRaw = toSpatial1.forward(h, path);
        }
        NDArray g = midpoint;
        for (ConvLayer layer : downToGlobal) {
            NDArray next = layer.forward(g, path);
            if (g != midpoint) {
                g.close();
            }
            g = next;
        }
        NDArray textureRaw;
        long gs = g.getShape().get(0);
        long gc = g.getShape().get(1);
        try (NDArray flat = g.reshape(gs, gc, -1);
             NDArray pooled = Ops.castConsuming(Ops.meanFloat32(flat, 2), computeType)) {
            textureRaw = Ops.linear(pooled, toGlobalWeight, toGlobalBias);
        }
        if (g != midpoint) {
            g.close();
        }
        NDArray structure = Ops.normalize(structureRaw);
        NDArray texture = Ops.normalize(textureRaw);
        if (trace != null) {
            trace.add(Ops.castConsuming(midpoint, DataType.FLOAT32));
            trace.add(Ops.castConsuming(structureRaw, DataType.FLOAT32));
            trace.add(Ops.castConsuming(textureRaw, DataType.FLOAT32));
        } else {
            midpoint.close();
            structureRaw.close();
            textureRaw.close();
        }
        return new NDArray[] {structure, texture};
    }
}
