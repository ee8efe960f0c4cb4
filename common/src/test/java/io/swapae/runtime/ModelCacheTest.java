package io.swapae.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ModelCacheTest {

    @Test
    void concurrentFirstCallersShareOneLoad() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch allAsking = new CountDownLatch(8);
        ModelCache<String, Object> cache = new ModelCache<>(key -> {
            loads.incrementAndGet();
            allAsking.await(10, TimeUnit.SECONDS);
            return new Object();
        });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Object>> got = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                got.add(pool.submit(() -> {
                    allAsking.countDown();
                    return cache.get("m");
                }));
            }
            Object first = got.get(0).get(20, TimeUnit.SECONDS);
            for (Future<Object> f : got) {
                assertThat(f.get(20, TimeUnit.SECONDS)).isSameAs(first);
            }
            assertThat(cache.get("m")).isSameAs(first);
            assertThat(loads).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void differentKeysLoadSeparately() throws ModelLoadException {
        AtomicInteger loads = new AtomicInteger();
        ModelCache<String, String> cache = new ModelCache<>(key -> key + loads.incrementAndGet());
        assertThat(cache.get("a")).isEqualTo("a1");
        assertThat(cache.get("b")).isEqualTo("b2");
        assertThat(cache.get("a")).isEqualTo("a1");
    }

    @Test
    void failedLoadIsRethrownWithItsCauseAndRetriedNextTime() throws ModelLoadException {
        AtomicInteger loads = new AtomicInteger();
        ModelCache<String, String> cache = new ModelCache<>(key -> {
            if (loads.incrementAndGet() == 1) {
                throw new java.io.IOException("disk hiccup");
            }
            return "loaded";
        });
        assertThatThrownBy(() -> cache.get("m"))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("could not load m").hasMessageContaining("disk hiccup")
                .hasCauseInstanceOf(java.io.IOException.class);
        assertThat(cache.contains("m")).isFalse();
        assertThat(cache.get("m")).isEqualTo("loaded");
        assertThat(loads).hasValue(2);
    }
}
