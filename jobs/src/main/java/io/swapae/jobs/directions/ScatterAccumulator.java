package io.swapae.jobs.directions;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.DoublePointer;
import scala.Tuple2;

/**
 * The sums one task adds up over its vectors, in float64, about a shift vector {@code s} (a vector of the data, so
 * that no large mean cancels out later): the count, {@code Σ (x − s)} and the upper triangle of
 * {@code Σ (x − s)(x − s)ᵀ}. Vectors are gathered in blocks and added with one native rank-k update per block
 * ({@link NativeBlas#addOuterProducts}); the {@code n × n} sum lives off the Java heap ({@code 8·n²} bytes).
 *
 * <p>{@link #pieces} hands the sums out as keyed pieces that add up across tasks: key {@link #FIRST_MOMENT} holds
 * {@code [vectors, codes, Σ (x − s)]}, keys {@code 0, 1, …} the square tiles of the upper triangle ({@link #tileSide}).
 */
final class ScatterAccumulator implements AutoCloseable {

    /** Largest side of the tiles the second-moment sum is handed out in. */
    static final int TILE = 1024;
    /** Key of the piece {@code [vectors, codes, Σ (x − s)]}. */
    static final int FIRST_MOMENT = -1;
    private static final long BLOCK_VALUES = 1 << 20;

    private final int n;
    private final double[] shift;
    private final int blockRows;
    private final double[] block;
    private final double[] firstMoment;
    private final DoublePointer blockNative;
    private final DoublePointer secondMoment;
    private int rows;
    private long count;
    private long codes;

    ScatterAccumulator(double[] shift) {
        this.n = shift.length;
        this.shift = shift.clone();
        this.blockRows = (int) Math.max(64, Math.min(1024, BLOCK_VALUES / n));
        this.block = new double[blockRows * n];
        this.firstMoment = new double[n];
        this.blockNative = new DoublePointer((long) blockRows * n);
        this.secondMoment = new DoublePointer((long) n * n).zero();
    }

    /** Adds the vector {@code values[offset + i·stride]}, {@code i < n}. */
    void add(float[] values, int offset, int stride) {
        int base = rows * n;
        for (int i = 0, j = offset; i < n; i++, j += stride) {
            double d = values[j] - shift[i];
            block[base + i] = d;
            firstMoment[i] += d;
        }
        count++;
        if (++rows == blockRows) {
            flush();
        }
    }

    /** Counts one more code (a code gives one vector, or one per location). */
    void countCode() {
        codes++;
    }

    /** Codes counted so far. */
    long codes() {
        return codes;
    }

    private void flush() {
        if (rows == 0) {
            return;
        }
        blockNative.position(0).put(block, 0, rows * n);
        NativeBlas.addOuterProducts(n, rows, blockNative, secondMoment);
        rows = 0;
    }

    /** Side of the tiles for vectors of {@code n} values: one tile up to {@link #TILE}. */
    static int tileSide(int n) {
        return Math.min(TILE, n);
    }

    /** Tiles per side of the second-moment sum for vectors of {@code n} values. */
    static int tilesPerSide(int n) {
        return (n + tileSide(n) - 1) / tileSide(n);
    }

    /** The key of the tile at row block {@code bi}, column block {@code bj >= bi} for vectors of {@code n} values. */
    static int tileKey(int bi, int bj, int n) {
        int t = tilesPerSide(n);
        return bi * t - bi * (bi - 1) / 2 + (bj - bi);
    }

    /** The sums as keyed pieces (see the class comment); the accumulator is spent afterwards. */
    List<Tuple2<Integer, double[]>> pieces() {
        flush();
        List<Tuple2<Integer, double[]>> out = new ArrayList<>();
        double[] first = new double[n + 2];
        first[0] = count;
        first[1] = codes;
        System.arraycopy(firstMoment, 0, first, 2, n);
        out.add(new Tuple2<>(FIRST_MOMENT, first));
        int t = tilesPerSide(n);
        for (int bi = 0; bi < t; bi++) {
            for (int bj = bi; bj < t; bj++) {
                out.add(new Tuple2<>(tileKey(bi, bj, n), tile(bi, bj)));
            }
        }
        return out;
    }

    /** Tile {@code (bi, bj)}: rows from {@code bi·side}, columns from {@code bj·side}, column-major. */
    private double[] tile(int bi, int bj) {
        int side = tileSide(n);
        int r0 = bi * side;
        int c0 = bj * side;
        int rowsIn = Math.min(side, n - r0);
        int colsIn = Math.min(side, n - c0);
        double[] tile = new double[side * side];
        for (int c = 0; c < colsIn; c++) {
            secondMoment.position((long) (c0 + c) * n + r0).get(tile, c * side, rowsIn);
        }
        return tile;
    }

    @Override
    public void close() {
        blockNative.close();
        secondMoment.close();
    }
}
