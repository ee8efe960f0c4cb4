package io.swapae.jobs.mix;

import io.swapae.image.BicubicResampler;
import io.swapae.image.ImageEncoder;
import io.swapae.image.ImageGrid;
import io.swapae.image.Preprocess;
import io.swapae.image.Preprocessor;
import io.swapae.image.RgbImage;
import io.swapae.jobs.generate.GeneratedTable;
import io.swapae.jobs.generate.ImageFiles;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

import static org.apache.spark.sql.functions.col;

/**
 * The grid pictures of a mix: one per tile of at most K×K cells, with a header row of the texture sources and a
 * header column of the structure sources (as the model saw them: the source pictures after its preprocessing).
 * Tiles are composed on the executors from the stored cells (files or table bytes), so the driver never holds
 * pictures, whatever the size of the grid.
 */
final class GridTiles {

    private static final Logger LOG = LoggerFactory.getLogger(GridTiles.class);
    private static final int FILL = 0xFFFFFF;

    /**
     * A grid to draw: the cell ids row by row, and the source pictures of the header row and column ({@code null}
     * where a header has no picture).
     */
    record Layout(List<List<String>> cells, List<String> rowHeaders, List<String> columnHeaders)
            implements Serializable {
    }

    /** A tile: which cells of the grid it shows and where its picture goes. */
    private record Tile(String file, int row0, int column0, int rows, int columns) implements Serializable {
    }

    private GridTiles() {
    }

    /** Writes the tiles of {@code layout} under {@code output} as {@code prefix-rR-cC.png}; returns their paths. */
    static List<String> write(SparkSession spark, Layout layout, String output, String prefix, int tileSize,
                              Preprocess preprocess) {
        int gridRows = layout.cells().size();
        int gridColumns = layout.cells().get(0).size();
        List<Tile> tiles = new ArrayList<>();
        Map<String, List<Tuple2<Integer, int[]>>> placement = new HashMap<>();
        for (int r0 = 0; r0 < gridRows; r0 += tileSize) {
            for (int c0 = 0; c0 < gridColumns; c0 += tileSize) {
                int index = tiles.size();
                Tile tile = new Tile(prefix + "-r" + r0 + "-c" + c0 + ".png", r0, c0,
                        Math.min(tileSize, gridRows - r0), Math.min(tileSize, gridColumns - c0));
                tiles.add(tile);
                for (int r = 0; r < tile.rows(); r++) {
                    for (int c = 0; c < tile.columns(); c++) {
                        placement.computeIfAbsent(layout.cells().get(r0 + r).get(c0 + c), k -> new ArrayList<>())
                                .add(new Tuple2<>(index, new int[] {r, c}));
                    }
                }
            }
        }
        SerializableConfiguration conf = new SerializableConfiguration(spark.sessionState().newHadoopConf());
        Broadcast<Map<String, List<Tuple2<Integer, int[]>>>> placed = JavaSparkContext
                .fromSparkContext(spark.sparkContext()).broadcast(placement);
        JavaPairRDD<Integer, Tuple2<int[], byte[]>> cells = GeneratedTable.read(spark, output)
                .where(col("id").isin(placement.keySet().toArray())).select("id", "uri", "image")
                .dropDuplicates("id").javaRDD().flatMapToPair(r -> {
                    byte[] bytes = r.isNullAt(2) ? ImageFiles.read(r.getString(1), conf.value()) : r.getAs(2);
                    List<Tuple2<Integer, Tuple2<int[], byte[]>>> out = new ArrayList<>();
                    for (Tuple2<Integer, int[]> at : placed.value().get(r.getString(0))) {
                        out.add(new Tuple2<>(at._1(), new Tuple2<>(at._2(), bytes)));
                    }
                    return out.iterator();
                });
        int partitions = Math.max(1, Math.min(tiles.size(), spark.sparkContext().defaultParallelism()));
        return cells.groupByKey(partitions).map(t -> compose(tiles.get(t._1()), t._2(), layout, output, preprocess,
                conf)).collect().stream().sorted().toList();
    }

    private static String compose(Tile tile, Iterable<Tuple2<int[], byte[]>> cells, Layout layout, String output,
                                  Preprocess preprocess, SerializableConfiguration conf) throws IOException {
        RgbImage[][] grid = new RgbImage[tile.rows() + 1][tile.columns() + 1];
        int width = 0;
        int height = 0;
        for (Tuple2<int[], byte[]> cell : cells) {
            RgbImage image = ImageFiles.decode(cell._2(), "cell of " + tile.file());
            if (width == 0) {
                width = image.width();
                height = image.height();
            }
            grid[cell._1()[0] + 1][cell._1()[1] + 1] = image;
        }
        for (RgbImage[] row : grid) {
            for (int c = 0; c < row.length; c++) {
                if (row[c] != null && (row[c].width() != width || row[c].height() != height)) {
                    row[c] = null;
                }
            }
        }
        Configuration hadoop = conf.value();
        Preprocessor preprocessor = new Preprocessor(preprocess);
        for (int r = 0; r < tile.rows(); r++) {
            grid[r + 1][0] = header(layout.rowHeaders().get(tile.row0() + r), width, height, preprocessor, hadoop);
        }
        for (int c = 0; c < tile.columns(); c++) {
            grid[0][c + 1] = header(layout.columnHeaders().get(tile.column0() + c), width, height, preprocessor,
                    hadoop);
        }
        ImageFiles.write(new Path(output, tile.file()).toString(),
                ImageEncoder.png(ImageGrid.compose(grid, width, height, FILL)), hadoop);
        return tile.file();
    }

    /**
     * The source picture as the model saw it, fitted into the cells' size with its aspect ratio kept (centred, the
     * rest filled), so the header of a wide blend cell is not stretched; {@code null} when there is none or it is
     * gone.
     */
    private static RgbImage header(String uri, int width, int height, Preprocessor preprocessor, Configuration conf) {
        if (uri == null) {
            return null;
        }
        try {
            return letterbox(preprocessor.apply(ImageFiles.decode(ImageFiles.read(uri, conf), uri)), width, height);
        } catch (IOException | RuntimeException e) {
            LOG.warn("the grid shows no header picture for {}: {}", uri, e.getMessage());
            return null;
        }
    }

    /** {@code image} scaled to fit {@code width × height} with its aspect ratio, centred on the fill colour. */
    static RgbImage letterbox(RgbImage image, int width, int height) {
        if (image.width() == width && image.height() == height) {
            return image;
        }
        double scale = Math.min((double) width / image.width(), (double) height / image.height());
        int w = Math.max(1, Math.min(width, (int) Math.round(image.width() * scale)));
        int h = Math.max(1, Math.min(height, (int) Math.round(image.height() * scale)));
        RgbImage fitted = w == image.width() && h == image.height() ? image : BicubicResampler.resize(image, w, h);
        if (w == width && h == height) {
            return fitted;
        }
        byte[] pixels = new byte[3 * width * height];
        Arrays.fill(pixels, (byte) 0xFF);
        int x0 = (width - w) / 2;
        int y0 = (height - h) / 2;
        for (int y = 0; y < h; y++) {
            System.arraycopy(fitted.pixels(), 3 * y * w, pixels, 3 * ((y0 + y) * width + x0), 3 * w);
        }
        return new RgbImage(width, height, pixels);
    }
}
