package io.swapae.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InferenceThreadsTest {

    @Test
    void executorCoresAreSharedByConcurrentTasks() {
        assertThat(InferenceThreads.forTask(16, 1, 16)).isEqualTo(1);
        assertThat(InferenceThreads.forTask(16, 4, 4)).isEqualTo(4);
        assertThat(InferenceThreads.forTask(16, 2, 8)).isEqualTo(2);
    }

    @Test
    void fewerConcurrentTasksThanCoresGetMoreThreadsEach() {
        assertThat(InferenceThreads.forTask(16, 1, 2)).isEqualTo(8);
        assertThat(InferenceThreads.forTask(8, 1, 1)).isEqualTo(8);
    }

    @Test
    void neverFewerThanTheTaskCpusNorMoreThanTheExecutorCores() {
        assertThat(InferenceThreads.forTask(4, 3, 4)).isEqualTo(3);
        assertThat(InferenceThreads.forTask(2, 4, 1)).isEqualTo(2);
    }

    @Test
    void taskResourcesGiveConcurrencyFromCoresOverTaskCpus() {
        TaskResources task = new TaskResources(Map.of(), 16, 4);
        assertThat(task.concurrentTasks()).isEqualTo(4);
        assertThat(InferenceThreads.forTask(task)).isEqualTo(4);
        assertThat(new TaskResources(Map.of(), 2, 4).concurrentTasks()).isEqualTo(1);
    }

    @Test
    void nonPositiveCountsAreRefused() {
        assertThatThrownBy(() -> InferenceThreads.forTask(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TaskResources(Map.of(), 4, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
