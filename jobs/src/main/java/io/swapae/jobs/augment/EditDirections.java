package io.swapae.jobs.augment;

import io.swapae.jobs.directions.CodeSpace;
import io.swapae.jobs.directions.DirectionCatalogue;
import io.swapae.latent.DirectionEdits;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The directions an edit draws from: the first components of a direction catalogue, with their standard deviations,
 * and how a code moves along one of them in the catalogue's space (not re-normalized, as the catalogue's previews).
 */
final class EditDirections implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A code after an edit. */
    record Edited(float[] structure, float[] texture) {
    }

    private final String catalogue;
    private final CodeSpace space;
    private final int[] vectorShape;
    private final double[][] vectors;
    private final double[] sigmas;

    private EditDirections(String catalogue, CodeSpace space, int[] vectorShape, double[][] vectors, double[] sigmas) {
        this.catalogue = catalogue;
        this.space = space;
        this.vectorShape = vectorShape;
        this.vectors = vectors;
        this.sigmas = sigmas;
    }

    /**
     * The first {@code components} directions of {@code catalogue} (0: all it keeps); refuses a catalogue of another
     * model than {@code codesModel} and more components than it keeps.
     */
    static EditDirections of(DirectionCatalogue catalogue, int components, String codesModel, String folder) {
        if (!catalogue.model().equals(codesModel)) {
            throw new IllegalArgumentException("the catalogue " + folder + " was fitted on codes of model "
                    + catalogue.model() + ", the codes are of model " + codesModel + ": give a catalogue of their"
                    + " model (swapae directions --codes … --filter \"model = '" + codesModel + "'\")");
        }
        int kept = catalogue.directions().size();
        if (components > kept) {
            throw new IllegalArgumentException("--components " + components + ": the catalogue " + folder
                    + " keeps " + kept + " components; give 1.." + kept + " or 0 for all of them");
        }
        int k = components == 0 ? kept : components;
        double[][] vectors = new double[k][];
        double[] sigmas = new double[k];
        for (int c = 0; c < k; c++) {
            vectors[c] = catalogue.direction(c).vector();
            sigmas[c] = catalogue.direction(c).sigma();
        }
        return new EditDirections(catalogue.id(), catalogue.space(), catalogue.vectorShape().clone(), vectors,
                sigmas);
    }

    /** The catalogue id. */
    String catalogue() {
        return catalogue;
    }

    CodeSpace space() {
        return space;
    }

    /** Components to draw from. */
    int components() {
        return vectors.length;
    }

    /** The standard deviation of the projections on component {@code c}. */
    double sigma(int c) {
        return sigmas[c];
    }

    /** Whether a code of this structure shape and texture size can move along the directions. */
    boolean appliesTo(int[] structureShape, int textureSize) {
        return switch (space) {
            case TEXTURE -> vectorShape[0] == textureSize;
            case STRUCTURE -> Arrays.equals(vectorShape, structureShape);
            case STRUCTURE_LOCAL -> vectorShape[0] == structureShape[0];
        };
    }

    /** The shape of the catalogue's vectors, for messages. */
    String vectorShapeText() {
        return Arrays.toString(vectorShape);
    }

    /** The code moved by {@code amount} (absolute, not in σ) along component {@code c}. */
    Edited apply(float[] structure, int[] structureShape, float[] texture, int c, double amount) {
        return switch (space) {
            case TEXTURE -> new Edited(structure, DirectionEdits.along(texture, vectors[c], amount));
            case STRUCTURE -> new Edited(DirectionEdits.along(structure, vectors[c], amount), texture);
            case STRUCTURE_LOCAL -> new Edited(DirectionEdits.alongEachLocation(structure, structureShape, vectors[c],
                    amount, null), texture);
        };
    }
}
