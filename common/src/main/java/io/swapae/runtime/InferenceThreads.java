package io.swapae.runtime;

import ai.djl.pytorch.jni.JniUtils;

/**
 * libtorch's intra-op threads for inference inside an executor that runs several tasks at once, so that they share
 * the executor's cores instead of each using all of them.
 *
 * <p>libtorch keeps one thread count per process (OpenMP applies it to each calling thread on its first parallel
 * operation), so every task of an executor must ask for the same count; {@link #forTask} gives the same answer for
 * all tasks of an executor. Autograd is off only on the threads that switched it off, so
 * {@link #applyToCurrentThread} does that too.
 */
public final class InferenceThreads {

    private InferenceThreads() {
    }

    /**
     * Threads per task: the executor's cores shared by the tasks that run at once, and never fewer than the task's
     * own cores or one. {@code concurrentTasks} is lower than {@code executorCores / taskCpus} where another resource
     * (one GPU per task) limits how many tasks run at once.
     */
    public static int forTask(int executorCores, int taskCpus, int concurrentTasks) {
        if (executorCores < 1 || taskCpus < 1 || concurrentTasks < 1) {
            throw new IllegalArgumentException("executor cores, task cpus and concurrent tasks must be >= 1, got "
                    + executorCores + ", " + taskCpus + " and " + concurrentTasks);
        }
        return Math.min(executorCores, Math.max(taskCpus, executorCores / concurrentTasks));
    }

    /** Threads per task for {@code task}, with as many tasks at once as its executor's cores allow. */
    public static int forTask(TaskResources task) {
        return forTask(task.executorCores(), task.taskCpus(), task.concurrentTasks());
    }

    /** Sets libtorch's intra-op thread count and switches autograd off for the calling thread. */
    public static void applyToCurrentThread(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        JniUtils.setNumThreads(threads);
        JniUtils.setGradMode(false);
    }
}
