package io.swapae.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Function;

/**
 * Gradients of a scalar loss with respect to some inputs, computed on the calling thread only. DJL's
 * {@code GradientCollector} is one per JVM, so executors that run several optimisations at once (one per task)
 * cannot use it; libtorch's grad mode, however, is per thread. This turns grad mode on for the calling thread, runs
 * the loss on detached copies of the inputs that require gradients, runs backward through libtorch, and restores the
 * thread's grad mode. Other threads, with grad mode on or off, are not affected. Weights that do not require
 * gradients (such as {@link ClipModel}'s) get none.
 */
public final class ThreadGradients {

    private ThreadGradients() {
    }

    /**
     * The value of a scalar loss and its gradient with respect to each input, in input order, each shaped like its
     * input; the gradients belong to the manager of the first input.
     */
    public record Result(float loss, NDList gradients) implements AutoCloseable {

        @Override
        public void close() {
            gradients.close();
        }
    }

    /** d {@code loss(input)} / d {@code input}, with the loss value. */
    public static Result compute(NDArray input, Function<NDArray, NDArray> loss) {
        return compute(new NDList(input), list -> loss.apply(list.get(0)));
    }

    /**
     * d {@code loss(inputs)} / d each input. {@code loss} gets the inputs as arrays that require gradients (its
     * intermediates go to a scope closed on return) and must return one element. An input the loss does not depend
     * on gets zeros.
     */
    public static Result compute(NDList inputs, Function<NDList, NDArray> loss) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no inputs to differentiate with respect to");
        }
        NDManager owner = inputs.get(0).getManager();
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try (NDManager scope = owner.newSubManager()) {
            NDList leaves = new NDList();
            for (NDArray input : inputs) {
                if (!input.getDataType().isFloating()) {
                    throw new IllegalArgumentException("cannot differentiate with respect to a "
                            + input.getDataType() + " input " + input.getShape());
                }
                NDArray leaf = input.stopGradient();
                leaf.attach(scope);
                JniUtils.attachGradient((PtNDArray) leaf, true);
                leaves.add(leaf);
            }
            NDArray value = loss.apply(leaves);
            value.attach(scope);
            if (value.size() != 1) {
                throw new IllegalArgumentException("the loss must be one value, got shape " + value.getShape());
            }
            try (NDArray seed = value.onesLike()) {
                JniUtils.backward((PtNDArray) value, (PtNDArray) seed, false, false);
            }
            float lossValue;
            try (NDArray asFloat = value.toType(DataType.FLOAT32, true)) {
                lossValue = asFloat.getFloat();
            }
            NDList gradients = new NDList();
            for (NDArray leaf : leaves) {
                NDArray gradient = JniUtils.getGradient((PtNDArray) leaf);
                NDArray kept = gradient == null ? leaf.zerosLike() : gradient.duplicate();
                if (gradient != null) {
                    gradient.close();
                }
                kept.attach(owner);
                gradients.add(kept);
            }
            return new Result(lossValue, gradients);
        } finally {
            JniUtils.setGradMode(previous);
        }
    }
}
