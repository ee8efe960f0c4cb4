package io.swapae.image;

/** What an image's header says: its format and its upright size (EXIF orientation applied). */
public record ImageInfo(ImageFormat format, int width, int height) {

    /** The upright size. */
    public ImageSize size() {
        return new ImageSize(width, height);
    }
}
