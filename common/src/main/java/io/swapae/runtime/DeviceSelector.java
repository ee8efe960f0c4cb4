package io.swapae.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Arrays;
import java.util.Map;

/**
 * Chooses the device a task runs its model on from the resources Spark assigned to it (resource name → addresses,
 * as {@code TaskContext.resources()} holds them) and the GPUs the PyTorch engine can see. Spark does not make a task
 * use its GPU: the task has to place its model there, and this says where.
 *
 * <p>Rules: {@link DeviceChoice#CPU} always gives the CPU. Otherwise a task assigned a {@value #GPU_RESOURCE}
 * resource runs on the first assigned address, which must be an integer that libtorch can see. Without an assigned
 * GPU, {@link DeviceChoice#AUTO} gives the CPU and {@link DeviceChoice#GPU} gives GPU 0.
 */
public final class DeviceSelector {

    /** Spark's resource name for GPUs ({@code spark.task.resource.gpu.amount}). */
    public static final String GPU_RESOURCE = "gpu";

    private DeviceSelector() {
    }

    /** {@link #select(DeviceChoice, Map, int)} with the GPU count of this JVM's PyTorch engine. */
    public static Device select(DeviceChoice choice, Map<String, String[]> resources) throws DeviceException {
        return select(choice, resources, Engine.getEngine("PyTorch").getGpuCount());
    }

    /**
     * The device for a task assigned {@code resources} in a JVM whose libtorch sees {@code engineGpus} GPUs.
     *
     * @throws DeviceException when the assigned GPU cannot be used, or a GPU is asked for and libtorch has no CUDA
     */
    public static Device select(DeviceChoice choice, Map<String, String[]> resources, int engineGpus)
            throws DeviceException {
        if (choice == DeviceChoice.CPU) {
            return Device.cpu();
        }
        String[] assigned = resources == null ? null : resources.get(GPU_RESOURCE);
        if (assigned == null || assigned.length == 0) {
            if (choice == DeviceChoice.AUTO) {
                return Device.cpu();
            }
            requireCuda(engineGpus, "--device gpu was asked for");
            return Device.gpu(0);
        }
        String address = assigned[0].trim();
        int index;
        try {
            index = Integer.parseInt(address);
        } catch (NumberFormatException e) {
            throw new DeviceException("task was assigned GPU address '" + address + "' (of "
                    + Arrays.toString(assigned) + "), which is not a CUDA device index: the GPU discovery script "
                    + "must report integer addresses (deploy/ has one)");
        }
        requireCuda(engineGpus, "task was assigned GPU " + index);
        if (index < 0 || index >= engineGpus) {
            throw new DeviceException("task was assigned GPU " + index + " but this executor's libtorch sees only "
                    + engineGpus + " GPU(s) (0.." + (engineGpus - 1) + "): check CUDA_VISIBLE_DEVICES and the "
                    + "discovery script agree");
        }
        return Device.gpu(index);
    }

    private static void requireCuda(int engineGpus, String what) throws DeviceException {
        if (engineGpus < 1) {
            throw new DeviceException(what + " but this executor's libtorch has no CUDA: build with the cu128 "
                    + "natives, see README");
        }
    }
}
