package io.swapae.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.swapae.checkpoint.CheckpointException;
import io.swapae.checkpoint.StateDict;
import java.util.List;

/**
 * A Swapping Autoencoder ready to run on one device: {@link #encode} images into structure and texture codes,
 * {@link #generate} images from any structure code with any texture code. Thread-safe for inference: the weights
 * are read-only, and every call's arrays belong to the caller's manager.
 */
public final class SwappingAutoencoder implements AutoCloseable {

    private final Architecture architecture;
    private final NDManager manager;
    private final Encoder encoder;
    private final Generator generator;
    private final ComputePath path;

    private SwappingAutoencoder(Architecture architecture, NDManager manager, Encoder encoder, Generator generator,
                                ComputePath path) {
        this.architecture = architecture;
        this.manager = manager;
        this.encoder = encoder;
        this.generator = generator;
        this.path = path;
    }

    /**
     * Builds the network of {@code architecture} from {@code weights} (official state-dict keys) on {@code device}.
     * A missing tensor or a shape mismatch is a {@link CheckpointException} naming the key and both shapes.
     */
    public static SwappingAutoencoder create(Architecture architecture, StateDict weights, Device device,
                                             ComputePath path) throws CheckpointException {
        NDManager manager = Engine.getEngine("PyTorch").newBaseManager(device);
        JniUtils.setGradMode(false);
        try {
            Weights w = new Weights(weights, manager);
            return new SwappingAutoencoder(architecture, manager, new Encoder(architecture, w),
                    new Generator(architecture, w), path);
        } catch (CheckpointException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Builds the network on the CPU with the fast path. */
    public static SwappingAutoencoder create(Architecture architecture, StateDict weights) throws CheckpointException {
        return create(architecture, weights, Device.cpu(), ComputePath.FAST);
    }

    public Architecture architecture() {
        return architecture;
    }

    /** The manager that owns the weights; create inputs in a sub-manager of it to keep them on the model's device. */
    public NDManager manager() {
        return manager;
    }

    /** Number of noise layers of the generator, in forward order. */
    public int noiseLayers() {
        return generator.noiseLayers();
    }

    /**
     * Encodes images {@code (N, 3, H, W)} in [-1, 1] (see {@link Architecture#checkInputSize} for valid sizes).
     * The codes belong to the images' manager.
     */
    public Codes encode(NDArray images) {
        JniUtils.setGradMode(false);
        NDArray[] codes = encoder.forward(images, path, null);
        return new Codes(codes[0], codes[1]);
    }

    /**
     * Encodes like {@link #encode} and appends the encoder's intermediates to {@code trace}: the output of
     * DownToSpatialCode, and the structure and texture codes before normalization.
     */
    public Codes encode(NDArray images, List<NDArray> trace) {
        JniUtils.setGradMode(false);
        NDArray[] codes = encoder.forward(images, path, trace);
        return new Codes(codes[0], codes[1]);
    }

    /**
     * Decodes structure codes {@code (N, C, h, w)} with texture codes {@code (N, D)} into images {@code (N, 3, h·2^n,
     * w·2^n)} in about [-1, 1]. Both codes are re-normalized first, as the official generator does. The images
     * belong to the structure codes' manager.
     */
    public NDArray generate(NDArray structure, NDArray texture, Noise noise) {
        JniUtils.setGradMode(false);
        return generator.forward(structure, texture, noise, path, null);
    }

    /** Generates like {@link #generate} and appends the outputs of SpatialCodeModulation and the last head block. */
    public NDArray generate(NDArray structure, NDArray texture, Noise noise, List<NDArray> trace) {
        JniUtils.setGradMode(false);
        return generator.forward(structure, texture, noise, path, trace);
    }

    @Override
    public void close() {
        manager.close();
    }
}
