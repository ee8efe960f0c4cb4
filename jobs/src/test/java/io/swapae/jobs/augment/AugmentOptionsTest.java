package io.swapae.jobs.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapae.jobs.generate.ImageOutput;
import java.util.List;
import org.junit.jupiter.api.Test;

class AugmentOptionsTest {

    private static final List<AugmentOp> SWAP = List.of(AugmentOp.SWAP);

    private static AugmentOptions options(int perImage, List<AugmentOp> ops, String catalogue, double maxSigma,
                                          int components, int donors, String filter, String device) {
        return new AugmentOptions("codes", "out", perImage, ops, catalogue, maxSigma, components, donors, 0, filter,
                null, 8, device, 0, ImageOutput.PNG_FILES);
    }

    @Test
    void defaultsAreValid() {
        AugmentOptions o = AugmentOptions.of("codes", "out", 4, SWAP);
        assertThat(o.donors()).isEqualTo(256);
        assertThat(o.maxSigma()).isEqualTo(3);
        assertThat(o.describe()).containsEntry("ops", List.of("swap")).containsEntry("per_image", 4);
    }

    @Test
    void opsAreParsedInOrderAndUnknownOrRepeatedOnesAreRefused() {
        assertThat(AugmentOp.parseAll(List.of("swap", "EDIT", " blend"))).containsExactly(AugmentOp.SWAP,
                AugmentOp.EDIT, AugmentOp.BLEND);
        assertThatThrownBy(() -> AugmentOp.parseAll(List.of("swap", "rotate")))
                .hasMessage("--ops takes swap, edit, blend, got 'rotate'");
        assertThatThrownBy(() -> AugmentOp.parseAll(List.of("swap", "swap")))
                .hasMessage("--ops lists swap twice: [swap, swap]");
        assertThatThrownBy(() -> AugmentOp.parseAll(List.of())).hasMessage("--ops needs at least one of swap, edit,"
                + " blend");
    }

    @Test
    void variantsPerCodeMustBePositive() {
        assertThatThrownBy(() -> options(0, SWAP, null, 3, 0, 256, null, "auto"))
                .hasMessage("--per-image must be in 1..1024 (variants of each code), got 0");
    }

    @Test
    void anEditNeedsACatalogueAndACatalogueNeedsAnEdit() {
        assertThatThrownBy(() -> options(1, List.of(AugmentOp.SWAP, AugmentOp.EDIT), null, 3, 0, 256, null, "auto"))
                .hasMessage("--ops swap,edit includes edit, which needs --catalogue CAT (a folder written by swapae"
                        + " directions)");
        assertThatThrownBy(() -> options(1, SWAP, "cat", 3, 0, 256, null, "auto"))
                .hasMessage("--catalogue cat is only used by edit, which --ops swap does not include");
    }

    @Test
    void strengthComponentsAndDonorsAreBounded() {
        List<AugmentOp> edit = List.of(AugmentOp.EDIT);
        assertThatThrownBy(() -> options(1, edit, "cat", 0, 0, 256, null, "auto"))
                .hasMessage("--max-sigma must be in (0, 100] standard deviations, got 0.0");
        assertThatThrownBy(() -> options(1, edit, "cat", Double.NaN, 0, 256, null, "auto"))
                .hasMessageStartingWith("--max-sigma must be in (0, 100]");
        assertThatThrownBy(() -> options(1, edit, "cat", 3, -1, 256, null, "auto"))
                .hasMessage("--components must be in 0..65536 (0: every component of the catalogue), got -1");
        assertThatThrownBy(() -> options(1, SWAP, null, 3, 0, 1, null, "auto"))
                .hasMessage("--donors must be in 2..65536, got 1");
    }

    @Test
    void filterAndDeviceAreChecked() {
        assertThatThrownBy(() -> options(1, SWAP, null, 3, 0, 256, " ", "auto"))
                .hasMessage("--filter must be a Spark SQL condition, got an empty one");
        assertThatThrownBy(() -> options(1, SWAP, null, 3, 0, 256, null, "tpu"))
                .hasMessageStartingWith("--device: unknown device 'tpu'");
    }

    @Test
    void theRunIdentityLeavesOutWhereAndHowPicturesAreComputed() {
        AugmentOptions a = AugmentOptions.of("codes", "out-a", 2, SWAP);
        AugmentOptions b = a.withOutput("out-b", 7).withModel("model.safetensors");
        assertThat(b.identity()).isEqualTo(a.identity());
        assertThat(a.withFilter("width > 100").identity()).isNotEqualTo(a.identity());
    }
}
