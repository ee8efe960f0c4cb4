package io.swapae.jobs.storage;

/** A storage location that cannot be used, with a one-line message fit to show a user as it is. */
public final class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A one-line {@code message} and the exception behind it. */
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
