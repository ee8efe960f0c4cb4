package io.swapae.model;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The architecture options of a Swapping Autoencoder, with the names and defaults of the official code
 * ({@code --spatial_code_ch}, {@code --netE_scale_capacity}, ...). Everything the network's shape depends on
 * and nothing else: preprocessing lives in {@link io.swapae.image.Preprocess}.
 *
 * <p>Valid input sizes: with {@code n = netE_num_downsampling_sp} and {@code g = netE_num_downsampling_gl}, each
 * side must be a multiple of {@code 2^n} (so the output has the input's size) and at least
 * {@code 2^n * (2^(g+1) - 1)} (so the texture branch's {@code g} valid stride-2 3×3 convolutions fit): 112, 128, 144,
 * ... for the official configurations. See {@link #checkInputSize(int, int)}.
 */
public record Architecture(
        int spatialCodeCh,
        int globalCodeCh,
        double netEScaleCapacity,
        int netENumDownsamplingSp,
        int netENumDownsamplingGl,
        double netENcSteepness,
        double netGScaleCapacity,
        int netGNumBaseResnetLayers,
        boolean netGUseNoise,
        boolean useAntialias) implements java.io.Serializable {

    /** The official defaults: the 256 px church / bedroom / afhq networks. */
    public static final Architecture DEFAULT = new Architecture(8, 2048, 1.0, 4, 2, 2.0, 1.0, 2, true, true);

    public Architecture {
        require(spatialCodeCh >= 1, "spatial_code_ch must be >= 1, got " + spatialCodeCh);
        require(globalCodeCh >= 1, "global_code_ch must be >= 1, got " + globalCodeCh);
        require(netEScaleCapacity > 0 && Double.isFinite(netEScaleCapacity),
                "netE_scale_capacity must be > 0, got " + netEScaleCapacity);
        require(netENumDownsamplingSp >= 1 && netENumDownsamplingSp <= 8,
                "netE_num_downsampling_sp must be in 1..8, got " + netENumDownsamplingSp);
        require(netENumDownsamplingGl >= 0 && netENumDownsamplingGl <= 6,
                "netE_num_downsampling_gl must be in 0..6, got " + netENumDownsamplingGl);
        require(netENcSteepness > 0 && Double.isFinite(netENcSteepness),
                "netE_nc_steepness must be > 0, got " + netENcSteepness);
        require(netGScaleCapacity > 0 && Double.isFinite(netGScaleCapacity),
                "netG_scale_capacity must be > 0, got " + netGScaleCapacity);
        require(netGNumBaseResnetLayers >= 0 && netGNumBaseResnetLayers <= 16,
                "netG_num_base_resnet_layers must be in 0..16, got " + netGNumBaseResnetLayers);
        for (int i = 0; i <= netENumDownsamplingSp + netENumDownsamplingGl; i++) {
            int c = encoderChannels(netENcSteepness, netEScaleCapacity, globalCodeCh, i);
            require(c >= 1, "netE_scale_capacity " + netEScaleCapacity + " gives " + c + " encoder channels at stage " + i);
        }
        for (int j = 0; j <= netENumDownsamplingSp; j++) {
            int c = generatorChannels(netENumDownsamplingSp, netGScaleCapacity, j);
            require(c >= 1, "netG_scale_capacity " + netGScaleCapacity + " gives " + c + " generator channels at stage " + j);
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Encoder channels at stage {@code i}: {@code min(global_code_ch, round(steepness^(5+i) * capacity))}, half to even as Python. */
    public int encoderChannels(int i) {
        return encoderChannels(netENcSteepness, netEScaleCapacity, globalCodeCh, i);
    }

    private static int encoderChannels(double steepness, double capacity, int globalCodeCh, int i) {
        double nc = Math.pow(steepness, 5 + i) * capacity;
        return (int) Math.min(globalCodeCh, Math.rint(nc));
    }

    /** Generator channels after {@code j} upsamplings: {@code int(min(512, 128 * 2^(n-j)) * capacity)} (truncation as in the official code). */
    public int generatorChannels(int j) {
        return generatorChannels(netENumDownsamplingSp, netGScaleCapacity, j);
    }

    private static int generatorChannels(int numDownsamplingSp, double capacity, int j) {
        double ch = Math.min(512.0, 128.0 * Math.pow(2, numDownsamplingSp - j));
        return (int) (ch * capacity);
    }

    /** Channels of head resnet block {@code i}: {@code max(spatial_code_ch, round((i+1)/L * nf(0)))}. */
    public int headChannels(int i) {
        double out = (i + 1) / (double) netGNumBaseResnetLayers * generatorChannels(0);
        return (int) Math.max(spatialCodeCh, Math.rint(out));
    }

    /** Total downsampling of the encoder, and upsampling of the generator: {@code 2^netE_num_downsampling_sp}. */
    public int stride() {
        return 1 << netENumDownsamplingSp;
    }

    /** The smallest valid side: {@code 2^n * (2^(g+1) - 1)}. */
    public int minInputSide() {
        return stride() * ((1 << (netENumDownsamplingGl + 1)) - 1);
    }

    /** Throws with the rule when {@code height × width} is not a valid input size. */
    public void checkInputSize(int height, int width) {
        int m = stride();
        int min = minInputSide();
        if (height % m != 0 || width % m != 0 || height < min || width < min) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "input size %dx%d (HxW) is not valid for this model: each side must be a multiple of %d "
                            + "(2^netE_num_downsampling_sp) and at least %d", height, width, m, min));
        }
    }

    /** The structure code's shape {@code [C, H/2^n, W/2^n]} for a valid input size. */
    public int[] structureShape(int height, int width) {
        checkInputSize(height, width);
        return new int[] {spatialCodeCh, height / stride(), width / stride()};
    }

    /** This architecture as official option names and values, as {@code opt.txt} writes them. */
    public Map<String, String> toOptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("spatial_code_ch", Integer.toString(spatialCodeCh));
        m.put("global_code_ch", Integer.toString(globalCodeCh));
        m.put("netE_scale_capacity", Double.toString(netEScaleCapacity));
        m.put("netE_num_downsampling_sp", Integer.toString(netENumDownsamplingSp));
        m.put("netE_num_downsampling_gl", Integer.toString(netENumDownsamplingGl));
        m.put("netE_nc_steepness", Double.toString(netENcSteepness));
        m.put("netG_scale_capacity", Double.toString(netGScaleCapacity));
        m.put("netG_num_base_resnet_layers", Integer.toString(netGNumBaseResnetLayers));
        m.put("netG_use_noise", Boolean.toString(netGUseNoise));
        m.put("use_antialias", Boolean.toString(useAntialias));
        return m;
    }

    /**
     * Reads the architecture from official option names (as in {@code opt.txt} or {@code opt.json});
     * options not given keep the official default. {@code num_classes > 0} is refused: the official
     * generator then cannot decode the encoder's codes.
     */
    public static Architecture fromOptions(Map<String, String> options) {
        String classes = options.get("num_classes");
        if (classes != null && parseInt(classes.trim(), "num_classes") != 0) {
            throw new IllegalArgumentException("num_classes " + classes.trim()
                    + " is not supported: the official generator cannot decode encoder codes when num_classes > 0");
        }
        Architecture d = DEFAULT;
        return new Architecture(
                intOpt(options, "spatial_code_ch", d.spatialCodeCh),
                intOpt(options, "global_code_ch", d.globalCodeCh),
                doubleOpt(options, "netE_scale_capacity", d.netEScaleCapacity),
                intOpt(options, "netE_num_downsampling_sp", d.netENumDownsamplingSp),
                intOpt(options, "netE_num_downsampling_gl", d.netENumDownsamplingGl),
                doubleOpt(options, "netE_nc_steepness", d.netENcSteepness),
                doubleOpt(options, "netG_scale_capacity", d.netGScaleCapacity),
                intOpt(options, "netG_num_base_resnet_layers", d.netGNumBaseResnetLayers),
                boolOpt(options, "netG_use_noise", d.netGUseNoise),
                boolOpt(options, "use_antialias", d.useAntialias));
    }

    /** A copy with {@code netG_use_noise} set. */
    public Architecture withNetGUseNoise(boolean useNoise) {
        return new Architecture(spatialCodeCh, globalCodeCh, netEScaleCapacity, netENumDownsamplingSp,
                netENumDownsamplingGl, netENcSteepness, netGScaleCapacity, netGNumBaseResnetLayers, useNoise,
                useAntialias);
    }

    private static int intOpt(Map<String, String> o, String key, int dflt) {
        String v = o.get(key);
        return v == null ? dflt : parseInt(v.trim(), key);
    }

    private static int parseInt(String v, String key) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'");
        }
    }

    private static double doubleOpt(Map<String, String> o, String key, double dflt) {
        String v = o.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + v.trim() + "'");
        }
    }

    private static boolean boolOpt(Map<String, String> o, String key, boolean dflt) {
        String v = o.get(key);
        if (v == null) {
            return dflt;
        }
        // util.str2bool of the official code
        switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "yes": case "true": case "t": case "y": case "1":
                return true;
            case "no": case "false": case "f": case "n": case "0":
                return false;
            default:
                throw new IllegalArgumentException(key + " must be a boolean, got '" + v.trim() + "'");
        }
    }
}
