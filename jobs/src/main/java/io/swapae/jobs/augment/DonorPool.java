package io.swapae.jobs.augment;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * The donors of an augmentation run: a seeded sample of codes (one per content id) whose textures are swapped in and
 * whose structures are blended in. It is drawn on the driver and broadcast; a donor is never its own source.
 */
final class DonorPool implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A code of the pool. */
    record Donor(String id, float[] structure, int[] structureShape, float[] texture) implements Serializable {
    }

    private final List<Donor> donors;
    /** Position of each donor in {@link #donors}. */
    private final Map<String, Integer> positions = new HashMap<>();
    /** Positions of the donors of each structure shape, and each donor's place in its shape's list. */
    private final Map<String, List<Integer>> byShape = new HashMap<>();
    private final Map<String, Integer> placeInShape = new HashMap<>();

    DonorPool(List<Donor> donors) {
        this.donors = List.copyOf(donors);
        for (int i = 0; i < this.donors.size(); i++) {
            Donor d = this.donors.get(i);
            if (positions.putIfAbsent(d.id(), i) != null) {
                throw new IllegalArgumentException("the donor " + d.id() + " is twice in the pool");
            }
            List<Integer> same = byShape.computeIfAbsent(Arrays.toString(d.structureShape()), s -> new ArrayList<>());
            placeInShape.put(d.id(), same.size());
            same.add(i);
        }
    }

    /** The pool of at most {@code size} codes of {@code codes}, ordered by a seeded hash of their ids. */
    static DonorPool sample(Dataset<Row> codes, int size, long seed) {
        List<Row> rows = codes.select("id", "structure", "structure_shape", "texture")
                .orderBy(xxhash64(col("id"), lit(seed)), col("id")).limit(size).collectAsList();
        Set<String> seen = new LinkedHashSet<>();
        List<Donor> donors = new ArrayList<>();
        for (Row r : rows) {
            if (seen.add(r.getString(0))) {
                donors.add(new Donor(r.getString(0), VariantPlanner.floats(r.getList(1)),
                        r.<Integer>getList(2).stream().mapToInt(Integer::intValue).toArray(),
                        VariantPlanner.floats(r.getList(3))));
            }
        }
        return new DonorPool(donors);
    }

    /** Donors in the pool. */
    int size() {
        return donors.size();
    }

    /** Donors of structure shape {@code shape}. */
    int ofShape(int[] shape) {
        return byShape.getOrDefault(Arrays.toString(shape), List.of()).size();
    }

    /** Whether code {@code sourceId} has a texture donor: any donor but itself. */
    boolean hasTextureDonorFor(String sourceId) {
        return donors.size() - (positions.containsKey(sourceId) ? 1 : 0) > 0;
    }

    /** Whether code {@code sourceId} of structure shape {@code shape} has a structure donor of its shape. */
    boolean hasStructureDonorFor(String sourceId, int[] shape) {
        return ofShape(shape) - (sameShapeMember(sourceId, shape) ? 1 : 0) > 0;
    }

    /** A donor drawn uniformly among all but {@code sourceId}. */
    Donor textureDonor(Random random, String sourceId) {
        Integer self = positions.get(sourceId);
        int n = donors.size() - (self == null ? 0 : 1);
        if (n < 1) {
            throw new IllegalStateException("no texture donor for " + sourceId + " in a pool of " + donors.size());
        }
        int k = random.nextInt(n);
        return donors.get(self != null && k >= self ? k + 1 : k);
    }

    /** A donor drawn uniformly among those of structure shape {@code shape} but {@code sourceId}. */
    Donor structureDonor(Random random, String sourceId, int[] shape) {
        List<Integer> same = byShape.getOrDefault(Arrays.toString(shape), List.of());
        Integer self = sameShapeMember(sourceId, shape) ? placeInShape.get(sourceId) : null;
        int n = same.size() - (self == null ? 0 : 1);
        if (n < 1) {
            throw new IllegalStateException("no structure donor of shape " + Arrays.toString(shape) + " for "
                    + sourceId);
        }
        int k = random.nextInt(n);
        return donors.get(same.get(self != null && k >= self ? k + 1 : k));
    }

    private boolean sameShapeMember(String id, int[] shape) {
        Integer p = positions.get(id);
        return p != null && Arrays.equals(donors.get(p).structureShape(), shape);
    }
}
