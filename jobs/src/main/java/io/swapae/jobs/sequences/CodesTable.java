package io.swapae.jobs.sequences;

import io.swapae.image.Preprocess;
import io.swapae.jobs.encode.Tables;
import io.swapae.jobs.storage.StorageCheck;
import io.swapae.jobs.storage.TableCommits;
import io.swapae.video.NaturalOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * The committed codes of a codes table, read on the driver for the sequence effects: all of them in playing order
 * (the natural order of their source names, as a clip's frames are numbered), the codes of given ids or prefixes, or
 * a seeded sample. Refuses a table without committed runs and codes of several models.
 */
final class CodesTable {

    private final String table;
    private final String option;
    private final Dataset<Row> codes;

    /** The table at {@code table}, named {@code option} in errors. */
    CodesTable(SparkSession spark, String table, String option) {
        StorageCheck.readable(table, spark.sessionState().newHadoopConf());
        if (TableCommits.committedRuns(spark, table).isEmpty()) {
            throw new IllegalArgumentException(option + " " + table + ": no committed codes there: give the codes"
                    + " table of an encode run (ROOT/codes) whose runs have finished");
        }
        this.table = table;
        this.option = option;
        this.codes = TableCommits.readCommitted(spark, table, Tables.CODES);
    }

    /** Every code, ordered by source name as frames are (frame2 before frame10). */
    List<SourceCode> inPlayingOrder() {
        List<SourceCode> all = collect(codes);
        all.sort(Comparator.comparing(SourceCode::source, NaturalOrder.INSTANCE));
        return all;
    }

    /** The codes of these ids or id prefixes, in the order given. */
    List<SourceCode> byIds(List<String> prefixes) {
        List<String> ids = new ArrayList<>();
        for (String prefix : prefixes) {
            List<String> matches = codes.select("id").where(col("id").startsWith(prefix.toLowerCase(Locale.ROOT)))
                    .distinct().limit(3).as(Encoders.STRING()).collectAsList();
            if (matches.isEmpty()) {
                throw new IllegalArgumentException(option + ": no code in " + table + " has an id starting with '"
                        + prefix + "'");
            }
            if (matches.size() > 1) {
                throw new IllegalArgumentException(option + ": '" + prefix + "' is the start of several code ids in "
                        + table + " (" + String.join(", ", matches) + (matches.size() == 3 ? ", …" : "")
                        + "): give more digits");
            }
            ids.add(matches.get(0));
        }
        Map<String, SourceCode> found = new LinkedHashMap<>();
        for (SourceCode c : collect(codes.where(col("id").isin(ids.toArray())))) {
            found.putIfAbsent(c.id(), c);
        }
        return ids.stream().map(found::get).toList();
    }

    /** {@code n} codes drawn at random under {@code seed}, the same ones for the same seed. */
    List<SourceCode> sample(int n, long seed) {
        List<String> ids = codes.select("id").distinct().orderBy(xxhash64(col("id"), lit(seed))).limit(n)
                .as(Encoders.STRING()).collectAsList();
        if (ids.size() < n) {
            throw new IllegalArgumentException("--sample " + n + ": " + table + " holds only " + ids.size()
                    + " codes");
        }
        return byIds(ids);
    }

    /** The one model that made {@code chosen}; refuses codes of several, naming them. */
    static String model(List<SourceCode> chosen, String what) {
        Set<String> models = new TreeSet<>();
        chosen.forEach(c -> models.add(c.model()));
        if (models.size() != 1) {
            throw new IllegalArgumentException(what + " come from " + models.size() + " models (" + models + "): a"
                    + " sequence decodes the codes of one model: choose codes of one of them");
        }
        return models.iterator().next();
    }

    /** The preprocessing recorded with {@code code}. */
    static Preprocess preprocess(SourceCode code) {
        String[] parts = code.preprocess().split("/");
        if (parts.length != 3) {
            throw new IllegalArgumentException("the codes record the preprocessing '" + code.preprocess()
                    + "', not mode/load_size/crop_size");
        }
        return Preprocess.of(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }

    private List<SourceCode> collect(Dataset<Row> rows) {
        List<SourceCode> out = new ArrayList<>();
        for (Row r : rows.select("id", "source", "model", "preprocess", "structure", "structure_shape", "texture")
                .collectAsList()) {
            out.add(new SourceCode(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
                    floats(r.getList(4)), r.<Integer>getList(5).stream().mapToInt(Integer::intValue).toArray(),
                    floats(r.getList(6))));
        }
        return out;
    }

    private static float[] floats(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
