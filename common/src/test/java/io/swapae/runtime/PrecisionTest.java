package io.swapae.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;

class PrecisionTest {

    @Test
    void precisionOptionParsesAnyCaseAndListsChoices() {
        assertThat(Precision.parse(" FP16 ")).isEqualTo(Precision.FP16);
        assertThat(Precision.parse("fp32")).isEqualTo(Precision.FP32);
        assertThatThrownBy(() -> Precision.parse("bf16")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'bf16'").hasMessageContaining("fp32, fp16");
    }

    @Test
    void eachPrecisionComputesInItsEngineType() {
        assertThat(Precision.FP32.dataType()).isEqualTo(DataType.FLOAT32);
        assertThat(Precision.FP16.dataType()).isEqualTo(DataType.FLOAT16);
        assertThat(Precision.FP16).hasToString("fp16");
    }
}
