package io.swapae.jobs.generate;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * A picture to generate: the structure and texture codes it decodes, the noise it gets, what it is made of and where it
 * goes; it becomes one row of {@code OUT/generated}.
 *
 * <p>The generator takes one texture vector per picture. A picture with {@link TextureRegions} (each part of the
 * picture keeping its own texture) is therefore the composite of several decodes of its structure code, one per
 * texture code, all with the same noise, weighted column by column.
 *
 * @param id             the picture's id: a hash of everything that makes it, so a rerun recognises it
 * @param op             the operation that made the codes (swap, interpolate, blend, edit, augment …)
 * @param params         the operation's parameters as JSON
 * @param structureIds   the codes whose structure it uses
 * @param textureIds     the codes whose texture it uses
 * @param uri            where its file goes (also with {@code --store parquet}, as its name)
 * @param structure      the structure code, flattened C×H×W
 * @param structureShape C, H, W of the structure code
 * @param texture        the texture code (with regions: the first of the regions' texture codes)
 * @param noiseId        the output id whose noise it gets under the job's seed
 * @param regions        the texture codes of the picture's parts and their weights ({@code null}: one texture)
 */
public record ImageRequest(String id, String op, String params, List<String> structureIds, List<String> textureIds,
                           String uri, float[] structure, int[] structureShape, float[] texture, long noiseId,
                           TextureRegions regions)
        implements Serializable {

    /**
     * Several texture codes over one structure code, each weighted per column of the structure code: the picture is
     * the decode with each texture, composited with these weights resampled to the picture's columns.
     *
     * @param textures      the texture codes, all of one size (at least two)
     * @param columnWeights per texture, a weight in [0, 1] for each column of the structure code; the weights of a
     *                      column sum to 1
     */
    public record TextureRegions(List<float[]> textures, double[][] columnWeights) implements Serializable {

        private static final double SUM_TOLERANCE = 1e-6;

        public TextureRegions {
            textures = List.copyOf(textures);
            if (textures.size() < 2 || textures.size() != columnWeights.length) {
                throw new IllegalArgumentException("texture regions need at least two texture codes and one weight row"
                        + " per code, got " + textures.size() + " codes and " + columnWeights.length + " rows");
            }
            int columns = columnWeights[0].length;
            for (int k = 0; k < textures.size(); k++) {
                if (textures.get(k).length != textures.get(0).length || columnWeights[k].length != columns) {
                    throw new IllegalArgumentException("texture region " + k + " has " + textures.get(k).length
                            + " values and " + columnWeights[k].length + " column weights, region 0 "
                            + textures.get(0).length + " and " + columns);
                }
            }
            for (int x = 0; x < columns; x++) {
                double sum = 0;
                for (double[] weights : columnWeights) {
                    if (!(weights[x] >= 0 && weights[x] <= 1)) {
                        throw new IllegalArgumentException("texture region weights must be in [0, 1], got "
                                + weights[x] + " at column " + x);
                    }
                    sum += weights[x];
                }
                if (Math.abs(sum - 1) > SUM_TOLERANCE) {
                    throw new IllegalArgumentException("texture region weights must sum to 1 in every column, got "
                            + sum + " at column " + x);
                }
            }
        }

        /**
         * The column weights resampled to a picture {@code width} pixels wide: linear between the centres of the
         * code columns, constant beyond the outer centres. Per texture (first index) and pixel column.
         */
        public double[][] pixelWeights(int width) {
            int columns = columnWeights[0].length;
            double[][] out = new double[columnWeights.length][width];
            for (int x = 0; x < width; x++) {
                double u = Math.max(0, Math.min(columns - 1, (x + 0.5) * columns / width - 0.5));
                int left = (int) Math.floor(u);
                int right = Math.min(columns - 1, left + 1);
                double t = u - left;
                for (int k = 0; k < columnWeights.length; k++) {
                    out[k][x] = (1 - t) * columnWeights[k][left] + t * columnWeights[k][right];
                }
            }
            return out;
        }
    }

    public ImageRequest {
        structureIds = List.copyOf(structureIds);
        textureIds = List.copyOf(textureIds);
        if (structureShape.length != 3 || structure.length != structureShape[0] * structureShape[1] * structureShape[2]) {
            throw new IllegalArgumentException("a structure code of shape " + Arrays.toString(structureShape)
                    + " cannot hold " + structure.length + " values");
        }
        if (regions != null) {
            if (regions.columnWeights()[0].length != structureShape[2]) {
                throw new IllegalArgumentException("texture regions weigh " + regions.columnWeights()[0].length
                        + " columns, the structure code " + Arrays.toString(structureShape) + " has "
                        + structureShape[2]);
            }
            if (!Arrays.equals(regions.textures().get(0), texture)) {
                throw new IllegalArgumentException("the texture code of a picture with texture regions must be the"
                        + " first of the regions' codes");
            }
        }
    }

    /** A picture of one texture code. */
    public ImageRequest(String id, String op, String params, List<String> structureIds, List<String> textureIds,
                        String uri, float[] structure, int[] structureShape, float[] texture, long noiseId) {
        this(id, op, params, structureIds, textureIds, uri, structure, structureShape, texture, noiseId, null);
    }

    /** How many decodes the picture takes: one per texture code. */
    public int decodes() {
        return regions == null ? 1 : regions.textures().size();
    }

    /** The texture code of decode {@code k} of {@link #decodes()}. */
    public float[] texture(int k) {
        return regions == null ? texture : regions.textures().get(k);
    }
}
