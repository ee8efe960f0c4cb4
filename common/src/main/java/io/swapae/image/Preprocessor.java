package io.swapae.image;

import io.swapae.image.Preprocess.Mode;

/**
 * The official {@code data/base_dataset.get_transform} for one {@link Preprocess}, on 8-bit RGB, up to the tensor
 * conversion (see {@link ImageTensors}): the mode's resize (Pillow bicubic, {@link BicubicResampler}), its crop, then
 * each side rounded to the nearest multiple of 16 (Python's half-to-even {@code round}) with another bicubic resize.
 *
 * <p>Crops are deterministic: the crop window is centred on the image that the same mode without cropping would
 * output (after the rounding to 16), i.e. at {@code floor((round16(side) - crop) / 2)}, then moved the least needed
 * to stay inside the image (or, on a side shorter than the crop, to contain it). As in the official code, a crop is
 * only made when one side exceeds the crop size, and parts of the window outside the image are black.
 */
public final class Preprocessor {

    private static final int MULTIPLE = 16;

    private final Preprocess preprocess;

    public Preprocessor(Preprocess preprocess) {
        if (preprocess == null) {
            throw new IllegalArgumentException("preprocess is required");
        }
        this.preprocess = preprocess;
    }

    public Preprocess preprocess() {
        return preprocess;
    }

    /**
     * The size {@link #apply} makes of an image of {@code width} x {@code height}, without touching pixels.
     *
     * @throws IllegalArgumentException when a side would become 0 (an image far too small or too thin for the mode)
     */
    public ImageSize outputSize(int width, int height) {
        return plan(width, height).output;
    }

    /**
     * The preprocessed image.
     *
     * @throws IllegalArgumentException when a side would become 0 (an image far too small or too thin for the mode)
     */
    public RgbImage apply(RgbImage image) {
        Plan plan = plan(image.width(), image.height());
        RgbImage out = BicubicResampler.resize(image, plan.resized.width(), plan.resized.height());
        if (plan.crop) {
            out = crop(out, plan.cropX, plan.cropY, preprocess.cropSize());
        }
        return BicubicResampler.resize(out, plan.output.width(), plan.output.height());
    }

    /** The steps for one input size: the size after the mode's resize, the crop, and the final size. */
    private record Plan(ImageSize resized, boolean crop, int cropX, int cropY, ImageSize output) {
    }

    private Plan plan(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be at least 1x1, got " + width + "x" + height);
        }
        ImageSize resized = resizedSize(width, height);
        int crop = preprocess.cropSize();
        boolean cropping = isCropMode(preprocess.mode())
                && (resized.width() > crop || resized.height() > crop);
        ImageSize cropped = cropping ? new ImageSize(crop, crop) : resized;
        ImageSize output = new ImageSize(roundToMultiple(cropped.width()), roundToMultiple(cropped.height()));
        if (output.width() < 1 || output.height() < 1) {
            throw new IllegalArgumentException("a " + width + "x" + height + " image becomes " + output + " with "
                    + preprocess + ": too small for this mode");
        }
        int cropX = cropping ? cropOffset(resized.width(), crop) : 0;
        int cropY = cropping ? cropOffset(resized.height(), crop) : 0;
        return new Plan(resized, cropping, cropX, cropY, output);
    }

    private ImageSize resizedSize(int w, int h) {
        int load = preprocess.loadSize();
        ImageSize size = switch (preprocess.mode()) {
            case RESIZE, RESIZE_AND_CROP -> new ImageSize(load, load);
            case SCALE_WIDTH, SCALE_WIDTH_AND_CROP -> w == load && h >= preprocess.cropSize()
                    ? new ImageSize(w, h)
                    : new ImageSize(load, (int) ((double) ((long) load * h) / w));
            case SCALE_SHORTSIDE, SCALE_SHORTSIDE_AND_CROP -> scaled(w, h, (double) load / Math.min(w, h));
            case SCALE_LONGSIDE, SCALE_LONGSIDE_AND_CROP -> scaled(w, h, (double) load / Math.max(w, h));
            case NONE -> new ImageSize(w, h);
        };
        if (size.width() < 1 || size.height() < 1) {
            throw new IllegalArgumentException("a " + w + "x" + h + " image becomes " + size + " with " + preprocess
                    + ": too thin for this mode");
        }
        return size;
    }

    /** Python's {@code round(side * scale)} (half to even) on both sides. */
    private static ImageSize scaled(int w, int h, double scale) {
        return new ImageSize((int) Math.rint(w * scale), (int) Math.rint(h * scale));
    }

    private static boolean isCropMode(Mode mode) {
        return mode == Mode.RESIZE_AND_CROP || mode == Mode.SCALE_WIDTH_AND_CROP
                || mode == Mode.SCALE_SHORTSIDE_AND_CROP || mode == Mode.SCALE_LONGSIDE_AND_CROP;
    }

    /** The official {@code __make_power_2(base=16)} side: {@code int(round(side / 16) * 16)}. */
    private static int roundToMultiple(int side) {
        return (int) Math.rint((double) side / MULTIPLE) * MULTIPLE;
    }

    private static int cropOffset(int side, int crop) {
        int centred = Math.floorDiv(roundToMultiple(side) - crop, 2);
        int lo = Math.min(0, side - crop);
        int hi = Math.max(0, side - crop);
        return Math.max(lo, Math.min(hi, centred));
    }

    /** Pillow's {@code crop((x, y, x + size, y + size))}: pixels outside the image are black. */
    private static RgbImage crop(RgbImage image, int x0, int y0, int size) {
        RgbImage out = RgbImage.black(size, size);
        int xs = Math.max(0, x0);
        int xe = Math.min(image.width(), x0 + size);
        if (xe <= xs) {
            return out;
        }
        for (int y = Math.max(0, y0); y < Math.min(image.height(), y0 + size); y++) {
            System.arraycopy(image.pixels(), (y * image.width() + xs) * 3, out.pixels(),
                    ((y - y0) * size + (xs - x0)) * 3, (xe - xs) * 3);
        }
        return out;
    }

    @Override
    public String toString() {
        return "Preprocessor[" + preprocess + "]";
    }
}
