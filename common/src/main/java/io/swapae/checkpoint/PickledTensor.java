package io.swapae.checkpoint;

/**
 * A tensor as {@code torch._utils._rebuild_tensor_v2} describes it: a view ({@code offset}, {@code size},
 * {@code stride}, in elements) into a storage. Nothing is read until the tensor is materialised.
 */
record PickledTensor(TorchStorage storage, long offset, long[] size, long[] stride) {
}
