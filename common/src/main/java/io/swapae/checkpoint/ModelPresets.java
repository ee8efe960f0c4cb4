package io.swapae.checkpoint;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.swapae.image.Preprocess;
import io.swapae.model.Architecture;

/**
 * The official pretrained models, with the options of the official {@code experiments/*_pretrained_launcher.py}:
 * their checkpoints ship without {@code opt.txt}, so a checkpoint in {@code checkpoints/<name>/} is recognised by
 * its folder name.
 */
public final class ModelPresets {

    private static final String RELEASE = "swapping_autoencoder_models_and_test_images.zip";

    private static final Map<String, String> FFHQ1024 = Map.of(
            "netG_scale_capacity", "0.8",
            "netE_num_downsampling_sp", "5",
            "netE_scale_capacity", "0.4",
            "global_code_ch", "1536");

    private static final Map<String, String> FFHQ1024_VARIANT = Map.of(
            "netG_scale_capacity", "0.8",
            "netE_num_downsampling_sp", "6",
            "netE_scale_capacity", "1.0",
            "netE_nc_steepness", "1.8",
            "global_code_ch", "1024",
            "spatial_code_ch", "64");

    private static final List<ModelPreset> ALL = List.of(
            preset("church_pretrained", Map.of(), "scale_shortside_and_crop", 256, 256,
                    "LSUN Church outdoor, 256 px (" + RELEASE + ")"),
            preset("bedroom_pretrained", Map.of(), "scale_shortside_and_crop", 256, 256,
                    "LSUN Bedroom, 256 px (" + RELEASE + ")"),
            preset("mountain_pretrained", Map.of(), "scale_shortside_and_crop", 512, 512,
                    "Flickr mountains, 512 px (" + RELEASE + ")"),
            preset("ffhq512_pretrained", Map.of(), "resize", 512, 512,
                    "FFHQ faces, 512 px (" + RELEASE + ")"),
            preset("ffhq1024_pretrained", FFHQ1024, "resize_and_crop", 1024, 768,
                    "FFHQ faces, 1024 px, trained on 768 px crops (" + RELEASE + ")"),
            preset("afhq_pretrained", Map.of(), "resize", 256, 256,
                    "AFHQ animal faces, 256 px (afhq_models_and_test_images.zip)"),
            preset("ffhq1024_patchDv7_L1_smallerstructurecode", FFHQ1024_VARIANT, "resize_and_crop", 1024, 768,
                    "FFHQ faces, 1024 px, 64-channel structure code at 1/64 scale (variant in the official ffhq1024 launcher)"));

    private ModelPresets() {
    }

    /** Every preset, in the order of the official README. */
    public static List<ModelPreset> all() {
        return ALL;
    }

    /** The preset called {@code name}, also without its {@code _pretrained} suffix ({@code mountain}). */
    public static Optional<ModelPreset> find(String name) {
        for (ModelPreset p : ALL) {
            if (p.name().equals(name) || p.name().equals(name + "_pretrained")) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static ModelPreset preset(String name, Map<String, String> options, String mode, int load, int crop,
                                      String description) {
        return new ModelPreset(name, Architecture.fromOptions(options), Preprocess.of(mode, load, crop), description);
    }
}
