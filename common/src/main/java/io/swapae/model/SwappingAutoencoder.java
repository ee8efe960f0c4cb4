package io.swapae.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.swapae.checkpoint.CheckpointException;
import io.swapae.checkpoint.StateDict;
import java.util.List;

/**
 * A Swapping Autoencoder ready to run on one device: {@link #encode} images into structure and texture codes,
 * {@link #generate} images from any structure code with any texture code. Thread-safe for inference: the weights
 * are read-only, and every call's arrays belong to the caller's manager.
 *
 * <p>The network computes in float32 or float16 (its compute type, chosen at {@link #create}). In float16 the weights
 * are held in float16 (derived in float32 from the checkpoint, then converted once) and the convolutions run in
 * float16, while the codes' normalization, the texture code's pooling and the style vectors' normalization run in
 * float32. Either way images are taken, and codes and images returned, as float32.
 */
public final class SwappingAutoencoder implements AutoCloseable {

    /**
     * Largest activation one forward call may hold, in bytes (per tensor). Measured on CPU: convolutions over tensors
     * much larger than the last-level cache slow down several-fold, so batches are split to stay under it.
     */
    public static final long ACTIVATION_BUDGET_BYTES = 48L << 20;

    private final Architecture architecture;
    private final NDManager manager;
    private final Encoder encoder;
    private final Generator generator;
    private final ComputePath path;
    private final DataType computeType;
    private final long weightBytes;

    private SwappingAutoencoder(Architecture architecture, NDManager manager, Encoder encoder, Generator generator,
                                ComputePath path, DataType computeType, long weightBytes) {
        this.architecture = architecture;
        this.manager = manager;
        this.encoder = encoder;
        this.generator = generator;
        this.path = path;
        this.computeType = computeType;
        this.weightBytes = weightBytes;
    }

    /**
     * Builds the network of {@code architecture} from {@code weights} (official state-dict keys) on {@code device},
     * computing in {@code computeType}: {@link DataType#FLOAT32} or {@link DataType#FLOAT16}. A missing tensor or a
     * shape mismatch is a {@link CheckpointException} naming the key and both shapes.
     */
    public static SwappingAutoencoder create(Architecture architecture, StateDict weights, Device device,
                                             ComputePath path, DataType computeType) throws CheckpointException {
        if (computeType != DataType.FLOAT32 && computeType != DataType.FLOAT16) {
            throw new IllegalArgumentException("the network computes in float32 or float16, got " + computeType);
        }
        NDManager manager = Engine.getEngine("PyTorch").newBaseManager(device);
        JniUtils.setGradMode(false);
        try {
            Weights w = new Weights(weights, manager, computeType);
            Encoder encoder = new Encoder(architecture, w);
            Generator generator = new Generator(architecture, w);
            return new SwappingAutoencoder(architecture, manager, encoder, generator, path, computeType,
                    w.keptBytes());
        } catch (CheckpointException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Builds the network on {@code device} computing in float32. */
    public static SwappingAutoencoder create(Architecture architecture, StateDict weights, Device device,
                                             ComputePath path) throws CheckpointException {
        return create(architecture, weights, device, path, DataType.FLOAT32);
    }

    /** Builds the network on the CPU with the fast path, computing in float32. */
    public static SwappingAutoencoder create(Architecture architecture, StateDict weights) throws CheckpointException {
        return create(architecture, weights, Device.cpu(), ComputePath.FAST);
    }

    public Architecture architecture() {
        return architecture;
    }

    /** The type the network computes in and holds its weights in. */
    public DataType computeType() {
        return computeType;
    }

    /** Bytes the weights occupy on the device. */
    public long weightBytes() {
        return weightBytes;
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
        Shape s = images.getShape();
        int n = (int) s.get(0);
        int chunk = s.dimension() == 4 ? microBatch(encoderActivation((int) s.get(2), (int) s.get(3))) : n;
        if (n <= chunk) {
            NDArray[] codes = encoder.forward(images, path, null);
            return new Codes(codes[0], codes[1]);
        }
        NDList structures = new NDList();
        NDList textures = new NDList();
        try {
            for (int from = 0; from < n; from += chunk) {
                try (NDArray part = images.get(new NDIndex(from + ":" + Math.min(n, from + chunk)))) {
                    NDArray[] codes = encoder.forward(part, path, null);
                    structures.add(codes[0]);
                    textures.add(codes[1]);
                }
            }
            return new Codes(NDArrays.concat(structures, 0), NDArrays.concat(textures, 0));
        } finally {
            structures.close();
            textures.close();
        }
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
        Shape s = structure.getShape();
        int n = (int) s.get(0);
        int chunk = s.dimension() == 4 ? microBatch(generatorActivation((int) s.get(2), (int) s.get(3))) : n;
        if (n <= chunk) {
            return generator.forward(structure, texture, noise, path, null);
        }
        NDList images = new NDList();
        try {
            for (int from = 0; from < n; from += chunk) {
                int to = Math.min(n, from + chunk);
                NDIndex rows = new NDIndex(from + ":" + to);
                try (NDArray sp = structure.get(rows); NDArray gl = texture.get(rows)) {
                    images.add(generator.forward(sp, gl, noise.slice(from, to, n), path, null));
                }
            }
            return NDArrays.concat(images, 0);
        } finally {
            images.close();
        }
    }

    /**
     * Decodes like {@link #generate}, in one call and leaving the thread's grad mode as it is: on a thread in grad
     * mode (as {@code io.swapae.clip.ThreadGradients} sets it) the images carry gradients back to the codes. For
     * optimising codes; {@link #generate} is faster for plain decoding.
     */
    public NDArray generateDifferentiable(NDArray structure, NDArray texture, Noise noise) {
        return generator.forward(structure, texture, noise, path, null);
    }

    /**
     * Images per call such that the largest activation of one call stays within {@link #ACTIVATION_BUDGET_BYTES}:
     * larger batches are run in such micro-batches, so throughput does not fall and memory does not grow with
     * the batch size.
     */
    static int microBatch(long activationBytesPerImage) {
        return (int) Math.max(1, ACTIVATION_BUDGET_BYTES / Math.max(1, activationBytesPerImage));
    }

    /** Bytes of the encoder's largest activation for one {@code h × w} image, in the compute type. */
    long encoderActivation(int h, int w) {
        long max = 0;
        for (int i = 0; i <= architecture.netENumDownsamplingSp(); i++) {
            max = Math.max(max, (long) architecture.encoderChannels(i) * (h >> i) * (w >> i));
        }
        return computeType.getNumOfBytes() * max;
    }

    /** Bytes of the generator's largest activation for one structure code of {@code h × w}, in the compute type. */
    long generatorActivation(int h, int w) {
        long max = 0;
        for (int j = 0; j <= architecture.netENumDownsamplingSp(); j++) {
            long side = 1L << j;
            max = Math.max(max, (long) architecture.generatorChannels(j) * (h * side + 2) * (w * side + 2));
        }
        return computeType.getNumOfBytes() * max;
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
