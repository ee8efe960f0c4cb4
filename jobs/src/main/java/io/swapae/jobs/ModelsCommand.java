package io.swapae.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.swapae.checkpoint.CheckpointLoader;
import io.swapae.checkpoint.ModelWeights;
import io.swapae.checkpoint.SafetensorsWriter;
import io.swapae.jobs.models.ClipInstaller;
import io.swapae.jobs.models.ClipRelease;
import io.swapae.jobs.models.DownloadProgress;
import io.swapae.jobs.models.ModelCatalogue;
import io.swapae.jobs.models.ModelInstaller;
import io.swapae.jobs.models.ModelReferences;
import io.swapae.jobs.models.ModelRelease;
import io.swapae.jobs.models.ModelStore;
import io.swapae.jobs.models.ResumableDownload;
import io.swapae.model.Architecture;
import io.swapae.model.ParameterLayout;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code swapae models}: the released official models and their cache; look into and convert model checkpoints. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List and download the released official models; inspect and convert model checkpoints.",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Get.class, ModelsCommand.Inspect.class,
                ModelsCommand.Convert.class})
final class ModelsCommand implements Runnable {

    private static final String CACHE_DIR = "the model cache (default: $" + ModelStore.ENV
            + ", else ~/.cache/swapae/models)";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: list, get, inspect, convert");
    }

    /** {@code swapae models list}: the released models, their preprocessing and architecture, and what is cached. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the released official models: preprocessing, architecture, release archive and"
                    + " where each is in the model cache.")
    static final class ListModels implements Callable<Integer> {

        @Option(names = "--dir", paramLabel = "DIR", description = CACHE_DIR)
        Path dir;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            ModelStore store = ModelStore.at(dir);
            PrintWriter out = spec.commandLine().getOut();
            String format = "%-9s %-33s %-17s %-8s %-48s %s%n";
            out.printf(Locale.ROOT, format, "NAME", "PREPROCESS (MODE/LOAD/CROP)", "STRUCTURE CODE", "TEXTURE",
                    "RELEASE ARCHIVE", "CACHED");
            for (ModelRelease r : ModelCatalogue.official().releases()) {
                Architecture a = r.preset().architecture();
                out.printf(Locale.ROOT, format, r.name(), r.preset().preprocess(),
                        a.spatialCodeCh() + " ch at 1/" + a.stride(), a.globalCodeCh(), r.archive(),
                        store.contains(r) ? store.checkpoint(r) : "no");
            }
            out.println();
            out.printf(Locale.ROOT, "%-14s %-45s %s%n", "CLIP MODEL", "HUGGING FACE REPOSITORY", "CACHED");
            for (ClipRelease r : ClipRelease.all()) {
                out.printf(Locale.ROOT, "%-14s %-45s %s%n", r.name(), r.repository(),
                        store.contains(r) ? store.clipFolder(r) : "no");
            }
            out.println();
            out.println("model cache: " + store.root() + " (--dir, else $" + ModelStore.ENV
                    + ", else ~/.cache/swapae/models); `swapae models get NAME` downloads a model into it");
            return 0;
        }
    }

    /** {@code swapae models get NAME...}: downloads released models into the model cache. */
    @Command(name = "get", mixinStandardHelpOptions = true,
            description = {"Download released official models into the model cache (DIR/<name>_pretrained/"
                    + "latest_checkpoint.pth), where --model NAME finds them.",
                    "The release archive (2.1 GB for all but afhq) is kept in DIR/downloads, so getting another"
                            + " model from the same archive does not download it again; --no-keep-archive deletes it"
                            + " afterwards. An interrupted download resumes where it stopped when run again. Each"
                            + " checkpoint is checked to load with its model's architecture before it is cached; a"
                            + " corrupt archive is deleted. A model already in the cache is left as it is."})
    static final class Get implements Callable<Integer> {

        @Parameters(arity = "1..*", paramLabel = "NAME",
                description = "church, bedroom, mountain, ffhq512, ffhq1024 or afhq (also as <name>_pretrained),"
                        + " or the CLIP model clip-vit-b-32 (for swapae guide)")
        List<String> names;

        @Option(names = "--dir", paramLabel = "DIR", description = CACHE_DIR)
        Path dir;

        @Option(names = "--base-url", paramLabel = "URL",
                description = "where the release archives are (default: $" + ModelInstaller.BASE_URL_ENV
                        + ", else http://efrosgans.eecs.berkeley.edu/SwappingAutoencoder/); for CLIP models a"
                        + " Hugging Face server (default: $" + ClipInstaller.BASE_URL_ENV + ", else https://huggingface.co/)")
        String baseUrl;

        @Option(names = "--keep-archive", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "keep the release archive in DIR/downloads for the other models in it (default: true)")
        boolean keepArchive;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ModelCatalogue catalogue = ModelCatalogue.official();
            List<ModelRelease> releases = new ArrayList<>();
            List<ClipRelease> clips = new ArrayList<>();
            for (String name : names) {
                if (ClipRelease.find(name).isPresent()) {
                    clips.add(ClipRelease.find(name).get());
                } else {
                    releases.add(catalogue.require(name));
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ModelStore store = ModelStore.at(dir);
            ResumableDownload download = new ResumableDownload(ResumableDownload.httpClient(),
                    DownloadProgress.console(err), 5, Duration.ofSeconds(2), Duration.ofSeconds(60));
            if (!clips.isEmpty()) {
                ClipInstaller clipInstaller = new ClipInstaller(store, ClipInstaller.baseUrl(baseUrl, System.getenv()),
                        download);
                for (ClipRelease r : clips) {
                    if (!store.contains(r)) {
                        err.println("downloading " + clipInstaller.url(r, "") + " to " + clipInstaller.downloads(r));
                        err.flush();
                    }
                    ClipInstaller.Installed installed = clipInstaller.install(r);
                    out.println(r.name() + (installed.alreadyThere() ? " is already in the model cache: " : ": ")
                            + installed.folder());
                    out.flush();
                }
            }
            if (releases.isEmpty()) {
                return 0;
            }
            URI base = ModelInstaller.baseUrl(baseUrl, System.getenv());
            ModelInstaller installer = new ModelInstaller(store, base, download);
            Set<String> archives = new LinkedHashSet<>();
            for (ModelRelease r : releases) {
                if (!store.contains(r) && !Files.isRegularFile(store.archive(r.archive()))) {
                    err.println("downloading " + installer.archiveUrl(r.archive()) + " to "
                            + store.archive(r.archive()));
                    err.flush();
                }
                ModelInstaller.Installed installed = installer.install(r);
                if (installed.alreadyThere()) {
                    out.println(r.name() + " is already in the model cache: " + installed.checkpoint());
                } else {
                    archives.add(r.archive());
                    out.println(r.name() + ": " + installed.checkpoint());
                }
                out.flush();
            }
            if (!keepArchive) {
                for (String archive : archives) {
                    installer.dropArchive(archive);
                    out.println("deleted " + store.archive(archive));
                }
            }
            return 0;
        }
    }

    /** {@code swapae models inspect MODEL}: architecture, preprocessing, parameter counts and fingerprint as JSON. */
    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "Print a checkpoint's architecture, parameter counts and fingerprint as JSON.")
    static final class Inspect implements Callable<Integer> {

        @Parameters(paramLabel = "NAME|PATH|URI", description = "a released model's name (from the model cache), an"
                + " official *.pth checkpoint or a swapae .safetensors file, or its URI")
        String model;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ModelWeights weights = CheckpointLoader.load(ModelReferences.official(null).localFile(model));
            spec.commandLine().getOut().println(json().writeValueAsString(describe(weights)));
            return 0;
        }
    }

    /** {@code swapae models convert SRC DST}: write swapae's safetensors format. */
    @Command(name = "convert", mixinStandardHelpOptions = true,
            description = "Convert a checkpoint to swapae's .safetensors format (architecture and provenance in its header).")
    static final class Convert implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "SOURCE", description = "an official *.pth checkpoint (or a .safetensors"
                + " file), its URI, or a released model's name (from the model cache)")
        String source;

        @Parameters(index = "1", paramLabel = "TARGET", description = "the .safetensors file to write")
        Path target;

        @Option(names = "--force", description = "replace TARGET if it exists")
        boolean force;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (Files.exists(target) && !force) {
                throw new IllegalArgumentException(target + " exists; use --force to replace it");
            }
            ModelWeights weights = CheckpointLoader.load(ModelReferences.official(null).localFile(source));
            SafetensorsWriter.write(weights, target);
            ModelWeights written = CheckpointLoader.load(target);
            if (!written.fingerprint().equals(weights.fingerprint())) {
                throw new IllegalStateException("the written file's fingerprint " + written.fingerprint()
                        + " differs from the source's " + weights.fingerprint());
            }
            spec.commandLine().getOut().println(json().writeValueAsString(describe(written)));
            return 0;
        }
    }

    static Map<String, Object> describe(ModelWeights weights) {
        ParameterLayout layout = ParameterLayout.of(weights.architecture());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fingerprint", weights.fingerprint().toString());
        out.put("architecture", architecture(weights.architecture()));
        out.put("preprocess", weights.preprocess() == null ? null : weights.preprocess().toString());
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("E", layout.parameterCount("E."));
        counts.put("G", layout.parameterCount("G."));
        out.put("parameters", counts);
        out.put("tensors", weights.tensors().size());
        out.put("provenance", weights.provenance());
        return out;
    }

    /** The architecture options with JSON types (numbers, booleans), official names. */
    static Map<String, Object> architecture(Architecture a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("spatial_code_ch", a.spatialCodeCh());
        m.put("global_code_ch", a.globalCodeCh());
        m.put("netE_scale_capacity", a.netEScaleCapacity());
        m.put("netE_num_downsampling_sp", a.netENumDownsamplingSp());
        m.put("netE_num_downsampling_gl", a.netENumDownsamplingGl());
        m.put("netE_nc_steepness", a.netENcSteepness());
        m.put("netG_scale_capacity", a.netGScaleCapacity());
        m.put("netG_num_base_resnet_layers", a.netGNumBaseResnetLayers());
        m.put("netG_use_noise", a.netGUseNoise());
        m.put("use_antialias", a.useAntialias());
        m.put("min_input_side", a.minInputSide());
        m.put("input_side_multiple", a.stride());
        return m;
    }

    static ObjectMapper json() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
