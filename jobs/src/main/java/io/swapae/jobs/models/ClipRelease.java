package io.swapae.jobs.models;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A CLIP model {@code swapae models get} can download: the name users type, the Hugging Face repository that holds
 * it in open_clip's layout ({@code open_clip_config.json} and {@code open_clip_model.safetensors}) and the folder it
 * gets in the model store.
 *
 * @param name       the name users type, also the folder in the model store
 * @param repository the Hugging Face repository ({@code owner/name})
 * @param revision   the branch or commit the files are taken from
 * @param files      the files of the model, downloaded in this order
 */
public record ClipRelease(String name, String repository, String revision, List<String> files) {

    /** OpenAI's ViT-B/32, in open_clip's layout on Hugging Face. */
    public static final ClipRelease VIT_B_32 = new ClipRelease("clip-vit-b-32", "timm/vit_base_patch32_clip_224.openai",
            "main", List.of("open_clip_config.json", "open_clip_model.safetensors"));

    private static final List<ClipRelease> ALL = List.of(VIT_B_32);

    public ClipRelease {
        files = List.copyOf(files);
    }

    /** The CLIP models that can be downloaded. */
    public static List<ClipRelease> all() {
        return ALL;
    }

    /** The CLIP model called {@code name}. */
    public static Optional<ClipRelease> find(String name) {
        return ALL.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** The names, comma-separated. */
    public static String names() {
        return ALL.stream().map(ClipRelease::name).collect(Collectors.joining(", "));
    }

    /** Where {@code file} is under the base URL of a Hugging Face server ({@code https://huggingface.co/}). */
    public URI url(URI base, String file) {
        String s = base.toString();
        return URI.create((s.endsWith("/") ? s : s + "/") + repository + "/resolve/" + revision + "/" + file);
    }
}
