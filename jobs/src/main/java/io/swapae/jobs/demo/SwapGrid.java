package io.swapae.jobs.demo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.swapae.image.ImageTensors;
import io.swapae.image.RgbImage;
import io.swapae.model.Noise;
import io.swapae.model.SwappingAutoencoder;
import java.util.Arrays;
import java.util.List;

/**
 * The paper's swap grid of a few images: cell (r, c) is the structure code of image r decoded with the texture code
 * of image c, so the diagonal holds the reconstructions. The generator's noise is seeded per structure (every cell
 * of row r gets the noise of output id r under the seed), so a row differs only by its texture code.
 */
final class SwapGrid {

    /** The codes of one image, as a row of the codes table holds them. */
    record Code(float[] structure, int[] structureShape, float[] texture) {
    }

    private final SwappingAutoencoder network;
    private final long seed;

    SwapGrid(SwappingAutoencoder network, long seed) {
        this.network = network;
        this.seed = seed;
    }

    /** The noise of every cell of row {@code r} of an {@code n}-column grid. */
    static Noise rowNoise(long seed, int r, int n) {
        long[] ids = new long[n];
        Arrays.fill(ids, r);
        return Noise.seeded(seed, ids);
    }

    /** The {@code n × n} generated images for the codes of {@code n} images, one generator call per row. */
    RgbImage[][] cells(List<Code> codes) {
        int n = codes.size();
        int[] shape = codes.get(0).structureShape();
        int structureLength = codes.get(0).structure().length;
        int textureLength = codes.get(0).texture().length;
        float[] textures = new float[n * textureLength];
        for (int i = 0; i < n; i++) {
            Code code = codes.get(i);
            if (!Arrays.equals(code.structureShape(), shape) || code.texture().length != textureLength) {
                throw new IllegalArgumentException("image " + i + " has a structure code of shape "
                        + Arrays.toString(code.structureShape()) + " and a texture code of " + code.texture().length
                        + " values; image 0 has " + Arrays.toString(shape) + " and " + textureLength);
            }
            System.arraycopy(code.texture(), 0, textures, i * textureLength, textureLength);
        }
        int height = shape[1] * network.architecture().stride();
        int width = shape[2] * network.architecture().stride();
        RgbImage[][] cells = new RgbImage[n][n];
        try (NDManager m = network.manager().newSubManager()) {
            NDArray texture = m.create(textures, new Shape(n, textureLength));
            for (int r = 0; r < n; r++) {
                float[] structures = new float[n * structureLength];
                for (int c = 0; c < n; c++) {
                    System.arraycopy(codes.get(r).structure(), 0, structures, c * structureLength, structureLength);
                }
                try (NDArray structure = m.create(structures, new Shape(n, shape[0], shape[1], shape[2]));
                     NDArray images = network.generate(structure, texture, rowNoise(seed, r, n))) {
                    float[] pixels = images.toFloatArray();
                    for (int c = 0; c < n; c++) {
                        cells[r][c] = ImageTensors.fromChw(pixels, c * 3 * width * height, width, height);
                    }
                }
            }
        }
        return cells;
    }
}
