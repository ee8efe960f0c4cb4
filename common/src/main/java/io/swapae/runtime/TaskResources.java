package io.swapae.runtime;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * What a task was given to run on, in plain values a Spark task can fill in: its resources (name → addresses, from
 * {@code TaskContext.resources()}), its executor's cores ({@code spark.executor.cores}) and its own cores
 * ({@code spark.task.cpus}).
 */
public record TaskResources(Map<String, String[]> resources, int executorCores, int taskCpus) {

    public TaskResources {
        if (executorCores < 1 || taskCpus < 1) {
            throw new IllegalArgumentException("executor cores and task cpus must be >= 1, got " + executorCores
                    + " and " + taskCpus);
        }
        Map<String, String[]> copy = new HashMap<>();
        if (resources != null) {
            resources.forEach((name, addresses) -> copy.put(name, addresses.clone()));
        }
        resources = Collections.unmodifiableMap(copy);
    }

    /** A process outside Spark: no resources, all cores, one task. */
    public static TaskResources local() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new TaskResources(Map.of(), cores, cores);
    }

    /** Tasks of the executor that run at once: its cores over the task's cores, at least one. */
    public int concurrentTasks() {
        return Math.max(1, executorCores / taskCpus);
    }

    @Override
    public String toString() {
        StringBuilder r = new StringBuilder();
        resources.forEach((name, addresses) -> r.append(r.length() == 0 ? "" : ", ").append(name).append('=')
                .append(Arrays.toString(addresses)));
        return "TaskResources[" + r + "; executor cores " + executorCores + ", task cpus " + taskCpus + "]";
    }
}
