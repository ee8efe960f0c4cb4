package io.swapae.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.swapae.checkpoint.CheckpointLoader;
import io.swapae.checkpoint.ModelWeights;
import io.swapae.checkpoint.SafetensorsWriter;
import io.swapae.model.Architecture;
import io.swapae.model.ParameterLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code swapae models}: look into and convert model checkpoints. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "Inspect and convert model checkpoints.",
        subcommands = {ModelsCommand.Inspect.class, ModelsCommand.Convert.class})
final class ModelsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: inspect, convert");
    }

    /** {@code swapae models inspect PATH}: architecture, preprocessing, parameter counts and fingerprint as JSON. */
    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "Print a checkpoint's architecture, parameter counts and fingerprint as JSON.")
    static final class Inspect implements Callable<Integer> {

        @Parameters(paramLabel = "PATH", description = "an official *.pth checkpoint or a swapae .safetensors file")
        Path path;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ModelWeights weights = CheckpointLoader.load(path);
            spec.commandLine().getOut().println(json().writeValueAsString(describe(weights)));
            return 0;
        }
    }

    /** {@code swapae models convert SRC DST}: write swapae's safetensors format. */
    @Command(name = "convert", mixinStandardHelpOptions = true,
            description = "Convert a checkpoint to swapae's .safetensors format (architecture and provenance in its header).")
    static final class Convert implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "SOURCE", description = "an official *.pth checkpoint (or a .safetensors file)")
        Path source;

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
            ModelWeights weights = CheckpointLoader.load(source);
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
