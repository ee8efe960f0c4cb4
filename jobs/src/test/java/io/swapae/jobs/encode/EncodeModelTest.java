package io.swapae.jobs.encode;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapae.checkpoint.Fingerprint;
import io.swapae.model.Architecture;
import io.swapae.model.RandomWeights;
import io.swapae.runtime.RuntimeOptions;
import org.junit.jupiter.api.Test;

class EncodeModelTest {

    @Test
    void embeddedDefaultFingerprintIsThatOfItsWeights() {
        Fingerprint drawn = Fingerprint.of(RandomWeights.of(Architecture.DEFAULT, EncodeModel.DEFAULT_SEED));
        assertThat(EncodeModel.embeddedDefault(null, RuntimeOptions.DEFAULT).fingerprint())
                .isEqualTo(drawn.shortForm());
        assertThat(EncodeModel.EMBEDDED_FINGERPRINT).isEqualTo(drawn);
    }
}
