package io.swapae.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FingerprintTest {

    /** Computed in Python from torch.load of the same file, following the definition in Fingerprint's javadoc. */
    private static final String SET_A = "5e9b00a402287549ffa21fcc6764dab756e4344e711e82b39f9672fd55bd59c2";

    @Test
    void followsItsDocumentedDefinition() throws Exception {
        Fingerprint f = Fingerprint.of(PthReader.read(Fixtures.setACheckpoint()));

        assertThat(f.sha256()).isEqualTo(SET_A);
        assertThat(f.full()).isEqualTo("sha256:" + SET_A);
        assertThat(f).hasToString("sha256:" + SET_A.substring(0, 16));
    }

    @Test
    void doesNotDependOnKeyOrder() {
        TensorData a = TensorData.ofFloats("E.a", new long[] {2}, new float[] {1, 2});
        TensorData b = TensorData.ofFloats("G.b", new long[] {1}, new float[] {3});
        Map<String, TensorData> ab = new LinkedHashMap<>();
        ab.put("E.a", a);
        ab.put("G.b", b);
        Map<String, TensorData> ba = new LinkedHashMap<>();
        ba.put("G.b", b);
        ba.put("E.a", a);

        assertThat(Fingerprint.of(new StateDict(ab))).isEqualTo(Fingerprint.of(new StateDict(ba)));
    }

    @Test
    void changesWithAnyValueShapeOrName() {
        Fingerprint base = one("E.a", new long[] {2}, 1, 2);

        assertThat(one("E.a", new long[] {2}, 1, 2.0001f)).isNotEqualTo(base);
        assertThat(one("E.a", new long[] {1, 2}, 1, 2)).isNotEqualTo(base);
        assertThat(one("E.b", new long[] {2}, 1, 2)).isNotEqualTo(base);
        assertThat(one("E.a", new long[] {2}, 1, 2)).isEqualTo(base);
    }

    @Test
    void parsesItsFullForm() {
        Fingerprint f = Fingerprint.parse("sha256:" + SET_A);

        assertThat(f.sha256()).isEqualTo(SET_A);
    }

    private static Fingerprint one(String key, long[] shape, float... values) {
        return Fingerprint.of(new StateDict(Map.of(key, TensorData.ofFloats(key, shape, values))));
    }
}
