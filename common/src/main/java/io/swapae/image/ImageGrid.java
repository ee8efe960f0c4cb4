package io.swapae.image;

/** Lays out images of one size in rows and columns (swap grids, contact sheets); empty cells take a fill colour. */
public final class ImageGrid {

    private ImageGrid() {
    }

    /**
     * One picture of {@code cells}, row by row, each cell {@code width} x {@code height} pixels, no gaps; a
     * {@code null} cell is filled with {@code fillRgb} ({@code 0xRRGGBB}).
     *
     * @throws IllegalArgumentException when the grid is empty, its rows differ in length, or a cell has another size
     */
    public static RgbImage compose(RgbImage[][] cells, int width, int height, int fillRgb) {
        if (cells.length == 0 || cells[0].length == 0) {
            throw new IllegalArgumentException("a grid needs at least one row and one column");
        }
        int columns = cells[0].length;
        int outWidth = Math.multiplyExact(columns, width);
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(outWidth, cells.length * height), 3)];
        byte[] fill = {(byte) (fillRgb >> 16), (byte) (fillRgb >> 8), (byte) fillRgb};
        for (int r = 0; r < cells.length; r++) {
            if (cells[r].length != columns) {
                throw new IllegalArgumentException("row " + r + " has " + cells[r].length + " cells, row 0 has "
                        + columns);
            }
            for (int c = 0; c < columns; c++) {
                RgbImage cell = cells[r][c];
                if (cell != null && (cell.width() != width || cell.height() != height)) {
                    throw new IllegalArgumentException("cell (" + r + ", " + c + ") is " + cell.size() + ", the grid's"
                            + " cells are " + width + "x" + height);
                }
                for (int y = 0; y < height; y++) {
                    int to = 3 * ((r * height + y) * outWidth + c * width);
                    if (cell != null) {
                        System.arraycopy(cell.pixels(), 3 * y * width, out, to, 3 * width);
                    } else {
                        for (int x = 0; x < width; x++) {
                            System.arraycopy(fill, 0, out, to + 3 * x, 3);
                        }
                    }
                }
            }
        }
        return new RgbImage(outWidth, cells.length * height, out);
    }
}
