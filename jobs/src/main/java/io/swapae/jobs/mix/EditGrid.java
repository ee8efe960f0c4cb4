package io.swapae.jobs.mix;

import io.swapae.jobs.directions.CodeSpace;
import io.swapae.jobs.directions.DirectionCatalogue;
import io.swapae.jobs.generate.ImageRequest;
import io.swapae.latent.DirectionEdits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cells of an edit grid: each source (row) moved along one direction of a catalogue by each strength (column),
 * in standard deviations of that direction, as the catalogue's previews do: the texture code for a texture
 * catalogue, the whole structure code for a structure catalogue, the channel vector of every location (or of the
 * locations of {@code --region}) for a structure-local one. Codes are decoded as moved, not re-normalized.
 */
final class EditGrid {

    private final DirectionCatalogue catalogue;
    private final EditOptions edit;
    private final DirectionCatalogue.Direction direction;
    private final CellRequests requests;

    /**
     * Edits along {@code edit}'s component of {@code catalogue}; refuses a catalogue of another model than
     * {@code fingerprint}, a component it does not keep, and a region with a catalogue that is not structure-local.
     */
    EditGrid(DirectionCatalogue catalogue, EditOptions edit, String fingerprint, CellRequests requests) {
        if (!catalogue.model().equals(fingerprint)) {
            throw new IllegalArgumentException("--catalogue " + edit.catalogue() + " was fitted on the codes of model "
                    + catalogue.model() + ", the codes to edit come from model " + fingerprint
                    + ": give a catalogue of the codes' model");
        }
        if (edit.component() >= catalogue.directions().size()) {
            throw new IllegalArgumentException("--component " + edit.component() + " is not in the catalogue "
                    + catalogue.id() + ": it keeps components 0.." + (catalogue.directions().size() - 1));
        }
        if (edit.region() != null && catalogue.space() != CodeSpace.STRUCTURE_LOCAL) {
            throw new IllegalArgumentException("--region limits an edit of a structure-local catalogue; "
                    + catalogue.id() + " is a " + catalogue.space().label() + " catalogue");
        }
        this.catalogue = catalogue;
        this.edit = edit;
        this.direction = catalogue.direction(edit.component());
        this.requests = requests;
    }

    /** The cells row by row: one row per source, one column per strength. */
    List<List<ImageRequest>> cells(List<String> sourceIds, Map<String, MixSource> sources) {
        List<List<ImageRequest>> cells = new ArrayList<>();
        for (String id : sourceIds) {
            MixSource source = sources.get(id);
            boolean[] mask = check(source);
            List<ImageRequest> row = new ArrayList<>();
            for (double strength : edit.strengths()) {
                row.add(cell(source, strength, mask));
            }
            cells.add(row);
        }
        return cells;
    }

    private ImageRequest cell(MixSource source, double strength, boolean[] mask) {
        double amount = strength * direction.sigma();
        float[] structure = source.structure();
        float[] texture = source.texture();
        switch (catalogue.space()) {
            case TEXTURE -> texture = DirectionEdits.along(texture, direction.vector(), amount);
            case STRUCTURE -> structure = DirectionEdits.along(structure, direction.vector(), amount);
            case STRUCTURE_LOCAL -> structure = DirectionEdits.alongEachLocation(structure, source.shape(),
                    direction.vector(), amount, mask);
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("catalogue", catalogue.id());
        params.put("space", catalogue.space().label());
        params.put("component", edit.component());
        params.put("sigma", direction.sigma());
        params.put("strength", strength);
        params.put("region", edit.region() == null ? null : edit.region().toList());
        return requests.cell(List.of(source.id()), structure, source.shape(), List.of(source.id()), texture,
                params);
    }

    /** Refuses a source whose codes do not fit the catalogue's vectors; returns the region's mask (or null). */
    private boolean[] check(MixSource source) {
        int[] expected = switch (catalogue.space()) {
            case TEXTURE -> new int[] {source.texture().length};
            case STRUCTURE -> source.shape();
            case STRUCTURE_LOCAL -> new int[] {source.shape()[0]};
        };
        if (!Arrays.equals(catalogue.vectorShape(), expected)) {
            throw new IllegalArgumentException("the catalogue " + catalogue.id() + " holds "
                    + catalogue.space().label() + " directions of shape " + Arrays.toString(catalogue.vectorShape())
                    + ", the code " + source.id() + " needs " + Arrays.toString(expected));
        }
        return edit.region() == null ? null : edit.region().mask(source.shape());
    }
}
