package io.swapae.guidance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import io.swapae.clip.ClipPreprocess;
import java.util.SplittableRandom;

/**
 * The views of generated pictures CLIP scores in a guidance step: per picture, {@code count} random squares (side
 * between {@code minFraction} and all of the shorter side, anywhere in the picture, every other one mirrored), each
 * brought to CLIP's input by {@link ClipPreprocess#fromGenerated}. The squares depend only on (seed, the pair's key,
 * the step, the cutout's index), so a pair sees the same views whatever batch it is optimised in. Differentiable;
 * the intermediates stay in the pictures' manager (a scope of the caller's), since closing the views early cuts
 * them from the autograd graph.
 */
final class Cutouts {

    /** One square: its corner, side and whether it is mirrored left to right. */
    record Box(int x, int y, int side, boolean mirrored) {
    }

    private final int count;
    private final double minFraction;
    private final long seed;
    private final ClipPreprocess preprocess;

    Cutouts(int count, double minFraction, long seed, ClipPreprocess preprocess) {
        this.count = count;
        this.minFraction = minFraction;
        this.seed = seed;
        this.preprocess = preprocess;
    }

    int count() {
        return count;
    }

    /** The squares of pair {@code key} at {@code step} in a {@code width × height} picture. */
    Box[] boxes(long key, int step, int width, int height) {
        SplittableRandom random = new SplittableRandom(seed ^ (key * 0x9E3779B97F4A7C15L)
                ^ ((step + 1L) * 0xC2B2AE3D27D4EB4FL));
        int shorter = Math.min(width, height);
        int smallest = Math.max(1, (int) Math.round(minFraction * shorter));
        Box[] boxes = new Box[count];
        for (int k = 0; k < count; k++) {
            int side = smallest + random.nextInt(shorter - smallest + 1);
            int x = random.nextInt(width - side + 1);
            int y = random.nextInt(height - side + 1);
            boxes[k] = new Box(x, y, side, k % 2 == 1);
        }
        return boxes;
    }

    /**
     * CLIP inputs {@code [B * count, 3, S, S]} of pictures {@code [B, 3, H, W]} in [-1, 1], pair {@code b}'s cutouts
     * at rows {@code b * count ...}; in the pictures' manager.
     */
    NDArray apply(NDArray pictures, long[] keys, int step) {
        int height = (int) pictures.getShape().get(2);
        int width = (int) pictures.getShape().get(3);
        NDList views = new NDList();
        for (int b = 0; b < keys.length; b++) {
            for (Box box : boxes(keys[b], step, width, height)) {
                NDArray square = pictures.get(new NDIndex("{}:{}, :, {}:{}, {}:{}", b, b + 1, box.y(),
                        box.y() + box.side(), box.x(), box.x() + box.side()));
                views.add(preprocess.fromGenerated(box.mirrored() ? square.flip(3) : square));
            }
        }
        // NDArrays.concat of a single array returns a copy cut from the autograd graph
        return views.size() == 1 ? views.get(0) : NDArrays.concat(views, 0);
    }
}
