package io.swapae.runtime;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Values made at most once per key and shared: the first caller for a key loads it on its own thread while later
 * callers for that key wait for that load. A failed load is not kept: its waiters get the error, and the next caller
 * loads again.
 */
public final class ModelCache<K, V> {

    /** Makes the value of a key. */
    @FunctionalInterface
    public interface Loader<K, V> {
        V load(K key) throws Exception;
    }

    private final ConcurrentMap<K, Future<V>> entries = new ConcurrentHashMap<>();
    private final Loader<K, V> loader;

    public ModelCache(Loader<K, V> loader) {
        this.loader = loader;
    }

    /** The value of {@code key}, loading it if no load of it has succeeded or is under way. */
    public V get(K key) throws ModelLoadException {
        Future<V> entry = entries.get(key);
        if (entry == null) {
            FutureTask<V> load = new FutureTask<>(() -> loader.load(key));
            entry = entries.putIfAbsent(key, load);
            if (entry == null) {
                entry = load;
                load.run();
            }
        }
        try {
            return entry.get();
        } catch (ExecutionException e) {
            entries.remove(key, entry);
            Throwable cause = e.getCause();
            throw new ModelLoadException("could not load " + key + ": " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelLoadException("interrupted while waiting for " + key + " to load", e);
        }
    }

    /** Whether a load of {@code key} has succeeded or is under way. */
    boolean contains(K key) {
        return entries.containsKey(key);
    }
}
