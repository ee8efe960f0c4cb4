package io.swapae.jobs.testing;

import org.apache.spark.sql.SparkSession;

/** The one local[2] Spark session of a test JVM (UI off, few shuffle partitions, loopback only). */
public final class TestSpark {

    private static SparkSession session;

    private TestSpark() {
    }

    /** The shared session, created on first use and stopped when the JVM exits. */
    public static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("swapae-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.executor.heartbeatInterval", "1s")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.sql.session.timeZone", "UTC")
                    .getOrCreate();
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }
}
