package io.swapae.checkpoint;

/**
 * A storage a pickled tensor points to: the zip record {@code <top>/data/<key>} holding {@code numel} elements of
 * {@code dtype}. Only a reference: the bytes are read when a tensor that uses it is materialised.
 */
record TorchStorage(String key, TensorData.DType dtype, long numel) {
}
