package io.swapae.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every tensor of the encoder ({@code E.*}) and generator ({@code G.*}) of an {@link Architecture}, with the official
 * state-dict key, shape, and whether it is a learned parameter or a fixed buffer (the FIR kernels), in the order
 * the official {@code state_dict()} lists them. Loading a checkpoint is a lookup in this layout.
 */
public final class ParameterLayout {

    /** One tensor of the layout. */
    public record Entry(String key, long[] shape, boolean buffer) {

        /** Number of elements. */
        public long size() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private final List<Entry> entries;

    private ParameterLayout(List<Entry> entries) {
        this.entries = Collections.unmodifiableList(entries);
    }

    /** All entries in official order, E first, then G. */
    public List<Entry> entries() {
        return entries;
    }

    /** Entries by key, in official order. */
    public Map<String, Entry> byKey() {
        Map<String, Entry> m = new LinkedHashMap<>();
        for (Entry e : entries) {
            m.put(e.key(), e);
        }
        return m;
    }

    /** Number of learned parameters whose key starts with {@code prefix} ("E." or "G."). */
    public long parameterCount(String prefix) {
        long n = 0;
        for (Entry e : entries) {
            if (!e.buffer() && e.key().startsWith(prefix)) {
                n += e.size();
            }
        }
        return n;
    }

    /** The layout of {@code arch}. */
    public static ParameterLayout of(Architecture arch) {
        Builder b = new Builder();
        int encoderBlur = arch.useAntialias() ? 3 : 1;
        b.param("E.FromRGB.Conv.weight", arch.encoderChannels(0), 3, 1, 1);
        b.param("E.FromRGB.Act.bias", arch.encoderChannels(0));
        for (int i = 0; i < arch.netENumDownsamplingSp(); i++) {
            String p = "E.DownToSpatialCode.ResBlockDownBy" + (1 << i) + ".";
            int in = arch.encoderChannels(i);
            int out = arch.encoderChannels(i + 1);
            b.param(p + "conv1.Conv.weight", in, in, 3, 3);
            b.param(p + "conv1.Act.bias", in);
            b.buffer(p + "conv2.Blur.kernel", encoderBlur, encoderBlur);
            b.param(p + "conv2.Conv.weight", out, in, 3, 3);
            b.param(p + "conv2.Act.bias", out);
            b.buffer(p + "skip.Blur.kernel", encoderBlur, encoderBlur);
            b.param(p + "skip.Conv.weight", out, in, 1, 1);
        }
        int mid = arch.encoderChannels(arch.netENumDownsamplingSp());
        b.param("E.ToSpatialCode.0.Conv.weight", mid, mid, 1, 1);
        b.param("E.ToSpatialCode.0.Act.bias", mid);
        b.param("E.ToSpatialCode.1.Conv.weight", arch.spatialCodeCh(), mid, 1, 1);
        b.param("E.ToSpatialCode.1.Conv.bias", arch.spatialCodeCh());
        for (int i = 0; i < arch.netENumDownsamplingGl(); i++) {
            int idx = arch.netENumDownsamplingSp() + i;
            String p = "E.DownToGlobalCode.ConvLayerDownBy" + (1 << idx) + ".";
            b.buffer(p + "Blur.kernel", 1, 1);
            b.param(p + "Conv.weight", arch.encoderChannels(idx + 1), arch.encoderChannels(idx), 3, 3);
            b.param(p + "Act.bias", arch.encoderChannels(idx + 1));
        }
        int last = arch.encoderChannels(arch.netENumDownsamplingSp() + arch.netENumDownsamplingGl());
        b.param("E.ToGlobalCode.0.weight", arch.globalCodeCh(), last);
        b.param("E.ToGlobalCode.0.bias", arch.globalCodeCh());

        int style = arch.globalCodeCh();
        int sp = arch.spatialCodeCh();
        b.param("G.SpatialCodeModulation.scale.weight", sp, style);
        b.param("G.SpatialCodeModulation.scale.bias", sp);
        b.param("G.SpatialCodeModulation.bias.weight", sp, style);
        b.param("G.SpatialCodeModulation.bias.bias", sp);
        int in = sp;
        for (int i = 0; i < arch.netGNumBaseResnetLayers(); i++) {
            String p = "G.HeadResnetBlock" + i + ".";
            int out = arch.headChannels(i);
            b.styledConv(p + "conv1.", in, out, style, 0);
            b.styledConv(p + "conv2.", out, out, style, 0);
            if (in != out) {
                b.param(p + "skip.Conv.weight", out, in, 1, 1);
            }
            in = out;
        }
        int generatorBlur = arch.useAntialias() ? 4 : 1;
        for (int j = 0; j < arch.netENumDownsamplingSp(); j++) {
            String p = "G.UpsamplingResBlock" + (1 << (4 + j)) + ".";
            int out = arch.generatorChannels(j + 1);
            b.styledConv(p + "conv1.", in, out, style, generatorBlur);
            b.styledConv(p + "conv2.", out, out, style, 0);
            if (in != out) {
                b.param(p + "skip.Conv.weight", out, in, 1, 1);
                b.param(p + "skip.Act.bias", out);
            }
            in = out;
        }
        b.param("G.ToRGB.bias", 1, 3, 1, 1);
        b.buffer("G.ToRGB.upsample.kernel", generatorBlur, generatorBlur);
        b.param("G.ToRGB.conv.weight", 1, 3, in, 1, 1);
        b.param("G.ToRGB.conv.modulation.weight", in, style);
        b.param("G.ToRGB.conv.modulation.bias", in);
        return new ParameterLayout(b.entries);
    }

    private static final class Builder {
        private final List<Entry> entries = new ArrayList<>();

        void param(String key, long... shape) {
            entries.add(new Entry(key, shape, false));
        }

        void buffer(String key, long... shape) {
            entries.add(new Entry(key, shape, true));
        }

        /** A StyledConv: modulated conv (with its upsampling blur kernel when {@code blur > 0}), noise, activation bias. */
        void styledConv(String p, int in, int out, int style, int blur) {
            param(p + "conv.weight", 1, out, in, 3, 3);
            if (blur > 0) {
                buffer(p + "conv.blur.kernel", blur, blur);
            }
            param(p + "conv.modulation.weight", in, style);
            param(p + "conv.modulation.bias", in);
            param(p + "noise.weight", 1);
            param(p + "activate.bias", out);
        }
    }
}
