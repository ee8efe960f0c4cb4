package io.swapae.runtime;

/** The device a task should run on cannot be used: a bad GPU address, no CUDA in libtorch. */
public final class DeviceException extends Exception {

    private static final long serialVersionUID = 1L;

    public DeviceException(String message) {
        super(message);
    }
}
