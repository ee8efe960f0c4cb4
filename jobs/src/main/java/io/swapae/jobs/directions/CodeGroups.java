package io.swapae.jobs.directions;

import io.swapae.image.Preprocess;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The codes to fit counted by model, structure shape and preprocessing (one pass over these small columns only),
 * and the rule that a catalogue is fitted on the codes of one model, and of one structure shape for
 * {@code --space structure}.
 */
final class CodeGroups {

    /** Codes of one model, structure shape and preprocessing. */
    record Group(String model, int[] structureShape, String preprocess, long count) {
    }

    private final CodeSpace space;
    private final List<Group> groups;

    private CodeGroups(CodeSpace space, List<Group> groups) {
        this.space = space;
        this.groups = groups;
    }

    /** Counts {@code codes}, largest group first. */
    static CodeGroups of(Dataset<Row> codes, CodeSpace space) {
        List<Group> groups = codes.groupBy("model", "structure_shape", "preprocess").count().collectAsList().stream()
                .map(r -> new Group(r.getString(0), r.<Integer>getList(1).stream().mapToInt(Integer::intValue)
                        .toArray(), r.getString(2), r.getLong(3)))
                .sorted(Comparator.comparingLong(Group::count).reversed()).toList();
        return new CodeGroups(space, groups);
    }

    /**
     * Refuses no codes, codes of several models, and for {@code structure} codes of several shapes, with a message
     * naming them and the filter that would choose one.
     */
    void check(String table, String filter) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("no codes to fit: " + (filter == null ? table + " holds no codes"
                    : "no code of " + table + " passes --filter \"" + filter + "\""));
        }
        Map<String, Long> models = count(Group::model);
        if (models.size() > 1) {
            throw new IllegalArgumentException("the codes come from " + models.size() + " models: " + list(models)
                    + "; a catalogue is fitted on the codes of one model: add --filter \"model = '"
                    + models.keySet().iterator().next() + "'\"");
        }
        Map<String, Long> shapes = count(g -> Arrays.toString(g.structureShape()));
        if (space == CodeSpace.STRUCTURE && shapes.size() > 1) {
            int[] first = groups.get(0).structureShape();
            throw new IllegalArgumentException("--space structure needs structure codes of one shape, found "
                    + shapes.size() + ": " + list(shapes) + "; add --filter \"structure_shape = array("
                    + Arrays.stream(first).mapToObj(Integer::toString).collect(Collectors.joining(", "))
                    + ")\" or use --space structure-local");
        }
    }

    /** Codes counted. */
    long codes() {
        return groups.stream().mapToLong(Group::count).sum();
    }

    /** The fingerprint of the model that made the codes. */
    String model() {
        return groups.get(0).model();
    }

    /** The structure shape of the most common group. */
    int[] structureShape() {
        return groups.get(0).structureShape().clone();
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

    private Map<String, Long> count(Function<Group, String> key) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Group g : groups) {
            counts.merge(key.apply(g), g.count(), Long::sum);
        }
        return counts;
    }

    private static String list(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + " codes)")
                .collect(Collectors.joining(", "));
    }
}
