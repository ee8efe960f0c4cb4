package io.swapae.jobs.augment;

import io.swapae.image.Preprocess;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;

/**
 * The codes to augment counted by model, structure shape, preprocessing and texture size (one pass over these small
 * columns), and the rule that one run augments the codes of one model.
 */
final class CodeCounts {

    /** Codes of one model, structure shape, preprocessing and texture size. */
    record Group(String model, int[] structureShape, String preprocess, int textureSize, long count) {
    }

    private final List<Group> groups;

    private CodeCounts(List<Group> groups) {
        this.groups = groups;
    }

    /** Counts {@code codes}, largest group first. */
    static CodeCounts of(Dataset<Row> codes) {
        return new CodeCounts(codes.groupBy(col("model"), col("structure_shape"), col("preprocess"),
                        size(col("texture"))).count().collectAsList().stream()
                .map(r -> new Group(r.getString(0), r.<Integer>getList(1).stream().mapToInt(Integer::intValue)
                        .toArray(), r.getString(2), r.getInt(3), r.getLong(4)))
                .sorted(Comparator.comparingLong(Group::count).reversed()).toList());
    }

    /** Refuses no codes and codes of several models, naming them and the filter that would choose one. */
    void check(String table, String filter) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("no codes to augment: " + (filter == null ? table + " holds no codes"
                    : "no code of " + table + " passes --filter \"" + filter + "\""));
        }
        Map<String, Long> models = new LinkedHashMap<>();
        for (Group g : groups) {
            models.merge(g.model(), g.count(), Long::sum);
        }
        if (models.size() > 1) {
            throw new IllegalArgumentException("the codes come from " + models.size() + " models: "
                    + models.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + " codes)")
                    .collect(Collectors.joining(", ")) + "; a run augments the codes of one model: add --filter"
                    + " \"model = '" + models.keySet().iterator().next() + "'\"");
        }
    }

    List<Group> groups() {
        return groups;
    }

    /** Codes counted. */
    long codes() {
        return groups.stream().mapToLong(Group::count).sum();
    }

    /** The fingerprint of the model that made the codes. */
    String model() {
        return groups.get(0).model();
    }

    /** The preprocessing of the most common group ({@code mode/load_size/crop_size} in the codes table). */
    Preprocess preprocess() {
        String[] parts = groups.get(0).preprocess().split("/");
        if (parts.length != 3) {
            throw new IllegalArgumentException("the codes record the preprocessing '" + groups.get(0).preprocess()
                    + "', not mode/load_size/crop_size");
        }
        return Preprocess.of(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }
}
