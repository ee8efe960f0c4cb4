package io.swapae.jobs.runtime;

import io.swapae.runtime.TaskResources;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskContext$;

/**
 * What the running Spark task was given, for {@code io.swapae.runtime}: its resources from {@link TaskContext}, its
 * executor's cores and its own cores from the executor's configuration. Call on the task's thread.
 */
public final class SparkTasks {

    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\d+)?])?");

    private SparkTasks() {
    }

    /** The current task's resources and cores. In local mode the machine's cores are shared by the N task slots. */
    public static TaskResources current() {
        TaskContext task = TaskContext.get();
        if (task == null) {
            throw new IllegalStateException("not inside a Spark task");
        }
        Map<String, String[]> resources = new HashMap<>();
        task.resourcesJMap().forEach((name, info) -> resources.put(name, info.addresses()));
        SparkConf conf = SparkEnv.get().conf();
        int taskCpus = conf.getInt("spark.task.cpus", 1);
        int machine = Runtime.getRuntime().availableProcessors();
        Matcher local = LOCAL.matcher(conf.get("spark.master", ""));
        if (!conf.contains("spark.executor.cores") && local.matches()) {
            String slots = local.group(1);
            int n = slots == null ? 1 : slots.equals("*") ? machine : Integer.parseInt(slots);
            return new TaskResources(resources, machine, Math.max(taskCpus, machine / Math.max(1, n)));
        }
        return new TaskResources(resources, conf.getInt("spark.executor.cores", machine), taskCpus);
    }

    /**
     * A hook for {@code BatchPipeline.start} that makes the current task's context visible on the pipeline's
     * producer thread, where Spark's input iterators may look it up.
     */
    public static Runnable propagateTaskContext() {
        TaskContext task = TaskContext.get();
        return () -> TaskContext$.MODULE$.setTaskContext(task);
    }
}
