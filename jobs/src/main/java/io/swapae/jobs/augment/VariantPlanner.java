package io.swapae.jobs.augment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapae.jobs.generate.ImageRequest;
import io.swapae.jobs.generate.OutputIds;
import io.swapae.latent.StructureBlend;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;

/**
 * In a task: the variants of each code it is given, as pictures to generate, lazily (a few codes at a time).
 *
 * <p>Variant {@code v} of a code draws everything from a {@link Random} seeded by (seed, code id, preprocessing,
 * {@code v}), so any partitioning gives the same variants: its operation among those of {@code --ops} that apply to
 * the code, then the donor, direction, strength or mask. Its parameters record exactly how it was made; its id hashes
 * them with its sources, the seed and the model, and its noise is that of its id.
 *
 * <p>Rows are the codes table's {@code id, preprocess, structure, structure_shape, texture}.
 */
final class VariantPlanner implements FlatMapFunction<Iterator<Row>, ImageRequest> {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<AugmentOp> ops;
    private final int perImage;
    private final double maxSigma;
    private final long seed;
    private final String model;
    private final String folder;
    private final String extension;
    private final Broadcast<DonorPool> donors;
    private final Broadcast<EditDirections> edits;

    /**
     * @param options the job's options
     * @param model   fingerprint of the model that made the codes
     * @param donors  the donor pool ({@code null} without swap and blend)
     * @param edits   the directions of edits ({@code null} without edit)
     */
    VariantPlanner(AugmentOptions options, String model, Broadcast<DonorPool> donors, Broadcast<EditDirections> edits) {
        this.ops = options.ops();
        this.perImage = options.perImage();
        this.maxSigma = options.maxSigma();
        this.seed = options.seed();
        this.model = model;
        this.folder = new Path(options.output(), "images/augment").toString();
        this.extension = options.images().format().extension();
        this.donors = donors;
        this.edits = edits;
    }

    @Override
    public Iterator<ImageRequest> call(Iterator<Row> codes) {
        return new Iterator<>() {
            private Iterator<ImageRequest> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && codes.hasNext()) {
                    current = variants(codes.next()).iterator();
                }
                return current.hasNext();
            }

            @Override
            public ImageRequest next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /** The operations of {@code --ops} that apply to every code of this structure shape and texture size. */
    List<AugmentOp> applyingToEvery(int[] shape, int textureSize) {
        List<AugmentOp> applying = new ArrayList<>();
        for (AugmentOp op : ops) {
            boolean every = switch (op) {
                case SWAP -> donors.value().size() >= 2;
                case BLEND -> donors.value().ofShape(shape) >= 2;
                case EDIT -> edits.value().appliesTo(shape, textureSize);
            };
            if (every) {
                applying.add(op);
            }
        }
        return applying;
    }

    /** The variants of one code. */
    List<ImageRequest> variants(Row code) {
        Source source = new Source(code.getString(0), code.getString(1), floats(code.getList(2)),
                code.<Integer>getList(3).stream().mapToInt(Integer::intValue).toArray(), floats(code.getList(4)));
        List<AugmentOp> applying = applyingTo(source);
        if (applying.isEmpty()) {
            throw new IllegalStateException("no operation of --ops applies to code " + source.id());
        }
        List<ImageRequest> variants = new ArrayList<>(perImage);
        for (int v = 0; v < perImage; v++) {
            Random random = new Random(OutputIds.number(String.join("\n", Long.toString(seed), source.id(),
                    source.preprocess(), Integer.toString(v))));
            AugmentOp op = applying.get(random.nextInt(applying.size()));
            variants.add(variant(source, v, op, random));
        }
        return variants;
    }

    private List<AugmentOp> applyingTo(Source s) {
        List<AugmentOp> applying = new ArrayList<>();
        for (AugmentOp op : ops) {
            boolean applies = switch (op) {
                case SWAP -> donors.value().hasTextureDonorFor(s.id());
                case BLEND -> donors.value().hasStructureDonorFor(s.id(), s.shape());
                case EDIT -> edits.value().appliesTo(s.shape(), s.texture().length);
            };
            if (applies) {
                applying.add(op);
            }
        }
        return applying;
    }

    private ImageRequest variant(Source s, int v, AugmentOp op, Random random) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("variant", v);
        params.put("op", op.label());
        params.put("source", s.id());
        float[] structure = s.structure();
        float[] texture = s.texture();
        List<String> structureIds = List.of(s.id());
        List<String> textureIds = List.of(s.id());
        switch (op) {
            case SWAP -> {
                DonorPool.Donor donor = donors.value().textureDonor(random, s.id());
                params.put("donor", donor.id());
                texture = donor.texture();
                textureIds = List.of(donor.id());
            }
            case EDIT -> {
                EditDirections d = edits.value();
                int component = random.nextInt(d.components());
                double strengthSigma = (2 * random.nextDouble() - 1) * maxSigma;
                double strength = strengthSigma * d.sigma(component);
                params.put("catalogue", d.catalogue());
                params.put("space", d.space().label());
                params.put("component", component);
                params.put("sigma", d.sigma(component));
                params.put("strength_sigma", strengthSigma);
                params.put("strength", strength);
                EditDirections.Edited edited = d.apply(structure, s.shape(), texture, component, strength);
                structure = edited.structure();
                texture = edited.texture();
            }
            case BLEND -> {
                DonorPool.Donor donor = donors.value().structureDonor(random, s.id(), s.shape());
                int h = s.shape()[1];
                int w = s.shape()[2];
                HalfPlaneMask mask = HalfPlaneMask.draw(random, h, w);
                double[] donorWeights = mask.donorWeights(h, w);
                double[] sourceWeights = new double[donorWeights.length];
                for (int i = 0; i < donorWeights.length; i++) {
                    sourceWeights[i] = 1 - donorWeights[i];
                }
                params.put("donor", donor.id());
                params.put("mask", mask.describe(h, w));
                structure = StructureBlend.byMask(List.of(s.structure(), donor.structure()), s.shape(),
                        List.of(sourceWeights, donorWeights));
                structureIds = List.of(s.id(), donor.id());
            }
        }
        params.put("seed", seed);
        String json = OutputIds.json(params);
        String id = OutputIds.hex(String.join("\n", op.label(), json, String.join(",", structureIds),
                String.join(",", textureIds), s.preprocess(), Long.toString(seed), model), 16);
        String uri = new Path(folder, id + "." + extension).toString();
        return new ImageRequest(id, op.label(), json, structureIds, textureIds, uri, structure, s.shape(), texture,
                noiseId(id));
    }

    /** The output id whose seeded noise the picture {@code pictureId} gets: its first 8 bytes. */
    static long noiseId(String pictureId) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(pictureId)).getLong();
    }

    static float[] floats(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    /** A code of the table. */
    private record Source(String id, String preprocess, float[] structure, int[] shape, float[] texture) {
    }
}
