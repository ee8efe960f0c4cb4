package io.swapae.runtime;

import io.swapae.image.ImageSize;
import java.util.List;

/**
 * What a {@link BatchPipeline} hands over: images of one size as one float array {@code (N, 3, H, W)} in [-1, 1]
 * (in the order of {@code members}), and the inputs rejected since the previous batch. Either list may be empty;
 * {@code size} is {@code null} when there are no images.
 */
public record Batch<T>(ImageSize size, List<Member<T>> members, float[] pixels, List<Rejected<T>> rejected) {

    /** One image of the batch: its input, where it came from, and its size before preprocessing. */
    public record Member<T>(T input, String source, int width, int height) {
    }

    public Batch {
        members = List.copyOf(members);
        rejected = List.copyOf(rejected);
    }
}
