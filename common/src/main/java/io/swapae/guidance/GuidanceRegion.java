package io.swapae.guidance;

import java.io.Serializable;
import java.util.Locale;

/**
 * The part of the picture whose structure a guidance run may change, as fractions of its width and height: the
 * locations of the structure code whose centres lie in {@code [x0, x1) × [y0, y1)}.
 */
public record GuidanceRegion(double x0, double y0, double x1, double y1) implements Serializable {

    public GuidanceRegion {
        if (!(0 <= x0 && x0 < x1 && x1 <= 1 && 0 <= y0 && y0 < y1 && y1 <= 1)) {
            throw new IllegalArgumentException("--region must be x0,y0,x1,y1 as fractions of the picture with"
                    + " 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1, got " + describe(x0, y0, x1, y1));
        }
    }

    /** The region written {@code x0,y0,x1,y1}. */
    public static GuidanceRegion parse(String text) {
        String[] parts = text.split(",");
        if (parts.length != 4) {
            throw new IllegalArgumentException("--region must be four fractions x0,y0,x1,y1 (e.g. 0,0.5,1,1 for the"
                    + " lower half), got '" + text + "'");
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--region must be four fractions x0,y0,x1,y1, got '" + text
                        + "' ('" + parts[i].strip() + "' is not a number)");
            }
        }
        return new GuidanceRegion(v[0], v[1], v[2], v[3]);
    }

    /** 1 at the locations of an {@code height × width} structure code inside the region, 0 elsewhere (row-major). */
    public boolean[] locations(int height, int width) {
        boolean[] inside = new boolean[height * width];
        for (int i = 0; i < height; i++) {
            double y = (i + 0.5) / height;
            for (int j = 0; j < width; j++) {
                double x = (j + 0.5) / width;
                inside[i * width + j] = x >= x0 && x < x1 && y >= y0 && y < y1;
            }
        }
        return inside;
    }

    @Override
    public String toString() {
        return describe(x0, y0, x1, y1);
    }

    private static String describe(double x0, double y0, double x1, double y1) {
        return String.format(Locale.ROOT, "%s,%s,%s,%s", x0, y0, x1, y1);
    }
}
