package io.swapae.jobs.mix;

import io.swapae.jobs.generate.ImageRequest;
import io.swapae.latent.StructureBlend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cells of a blend grid: for each left structure source (row) and right structure source (column), the two
 * structure codes side by side with a feathered seam ({@link StructureBlend#sideBySide}), decoded into one wide
 * picture with one texture code, or with each side's own texture ({@link BlendOptions#REGIONS}): the generator takes
 * one texture vector per picture, so the picture is the decode with each texture composited by the seam weights.
 */
final class BlendGrid {

    private final BlendOptions blend;
    private final CellRequests requests;

    /** Cells joined as {@code blend} says, made by {@code requests}. */
    BlendGrid(BlendOptions blend, CellRequests requests) {
        this.blend = blend;
        this.requests = requests;
    }

    /**
     * The cells row by row; {@code textureSource} is the code whose texture every cell gets when
     * {@code --blend-texture} names one ({@code null} otherwise). Refuses sources whose structure codes cannot be
     * joined (other channels or height) or are narrower than the seam.
     */
    List<List<ImageRequest>> cells(List<String> leftIds, List<String> rightIds, Map<String, MixSource> sources,
                                   MixSource textureSource) {
        List<List<ImageRequest>> cells = new ArrayList<>();
        for (String leftId : leftIds) {
            MixSource left = sources.get(leftId);
            List<ImageRequest> row = new ArrayList<>();
            for (String rightId : rightIds) {
                row.add(cell(left, sources.get(rightId), textureSource));
            }
            cells.add(row);
        }
        return cells;
    }

    private ImageRequest cell(MixSource left, MixSource right, MixSource textureSource) {
        check(left, right);
        List<float[]> codes = List.of(left.structure(), right.structure());
        List<int[]> shapes = List.of(left.shape(), right.shape());
        float[] structure = StructureBlend.sideBySide(codes, shapes, blend.seam(), blend.feather());
        int[] shape = StructureBlend.sideBySideShape(shapes, blend.seam());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("seam", blend.seam());
        params.put("feather", blend.feather().name().toLowerCase(Locale.ROOT));
        params.put("texture", blend.textureFromCode() ? textureSource.id() : blend.texture());
        List<String> structureIds = List.of(left.id(), right.id());
        return switch (blend.texture()) {
            case BlendOptions.LEFT -> requests.cell(structureIds, structure, shape, List.of(left.id()),
                    left.texture(), params);
            case BlendOptions.RIGHT -> requests.cell(structureIds, structure, shape, List.of(right.id()),
                    right.texture(), params);
            case BlendOptions.REGIONS -> requests.cell(structureIds, structure, shape,
                    List.of(left.id(), right.id()), left.texture(), new ImageRequest.TextureRegions(
                            List.of(left.texture(), right.texture()), StructureBlend.seamWeights(
                                    new int[] {left.shape()[2], right.shape()[2]}, blend.seam(), blend.feather())),
                    params);
            default -> requests.cell(structureIds, structure, shape, List.of(textureSource.id()),
                    textureSource.texture(), params);
        };
    }

    private void check(MixSource left, MixSource right) {
        int[] l = left.shape();
        int[] r = right.shape();
        if (l[0] != r[0] || l[1] != r[1]) {
            throw new IllegalArgumentException("--op blend joins structure codes of the same channels and height:"
                    + " " + left.id() + " is " + l[0] + "x" + l[1] + "x" + l[2] + ", " + right.id() + " is " + r[0]
                    + "x" + r[1] + "x" + r[2]);
        }
        if (blend.seam() > Math.min(l[2], r[2])) {
            throw new IllegalArgumentException("--seam " + blend.seam() + " is wider than the structure codes of "
                    + left.id() + " (" + l[2] + " cells) and " + right.id() + " (" + r[2] + " cells): accepted 0.."
                    + Math.min(l[2], r[2]));
        }
        if (blend.texture().equals(BlendOptions.REGIONS) && left.texture().length != right.texture().length) {
            throw new IllegalArgumentException("--blend-texture regions needs texture codes of one size: "
                    + left.id() + " has " + left.texture().length + " values, " + right.id() + " "
                    + right.texture().length);
        }
    }
}
