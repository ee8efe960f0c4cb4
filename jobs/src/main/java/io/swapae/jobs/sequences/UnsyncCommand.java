package io.swapae.jobs.sequences;

import io.swapae.jobs.encode.EncodeCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code swapae sequences unsync}: a clip whose texture runs out of step with its structure. */
@Command(name = "unsync", mixinStandardHelpOptions = true,
        description = {"Frame t of a clip keeps its structure and takes the texture of frame t+offset (clamped to the"
                + " clip's first and last frame), the mean texture of a window of frames, one fixed texture, or the"
                + " textures of another clip looped."})
public final class UnsyncCommand implements Callable<Integer> {

    @Option(names = "--codes", paramLabel = "ROOT/codes", description = "the codes of the clip's frames (frame order: natural order of the source names)")
    String codes;

    @Option(names = "--video", paramLabel = "PATH", description = "instead of --codes: a local folder of frames or an MP4, encoded into OUT/encoded/codes first")
    String video;

    @Option(names = "--offset", defaultValue = "0", paramLabel = "Δ", description = "frames between a frame and its texture (default: ${DEFAULT-VALUE})")
    int offset;

    @Option(names = "--window", defaultValue = "1", paramLabel = "W", description = "textures averaged from frame t+offset on (default: ${DEFAULT-VALUE})")
    int window;

    @Option(names = "--texture-from", paramLabel = "clip|frozen|ID|loop:ROOT2/codes",
            description = "where textures come from: the clip (default), frozen (the first frame's), a code id, or another clip looped")
    String textureFrom;

    @Mixin
    VideoOutputOptions output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The validated options of the effect. */
    UnsyncOptions options() {
        return new UnsyncOptions(codes, video, offset, window, UnsyncOptions.TextureFrom.parse(textureFrom));
    }

    @Override
    public Integer call() throws Exception {
        SequenceOptions shared = output.options();
        UnsyncOptions effect = options();
        SequencesSummary s = new UnsyncJob(EncodeCommand.session(), shared, effect, spec.commandLine().getErr(),
                System.console() != null).run();
        return SequencesCommand.report(spec.commandLine().getOut(), s, shared.output());
    }
}
