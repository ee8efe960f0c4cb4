package io.swapae.jobs.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.swapae.jobs.Versions;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** {@code OUT/_run.json}: what a generating run did and with which options, plus the versions that ran it. */
public final class RunRecord {

    /** The file's name under the output root. */
    public static final String FILE = "_run.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunRecord() {
    }

    /** Writes {@code fields}, then the swapae, Spark and Java versions, to {@code OUT/_run.json}, replacing it. */
    public static void write(SparkSession spark, String output, Map<String, Object> fields) throws IOException {
        Map<String, Object> record = new LinkedHashMap<>(fields);
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("swapae", Versions.swapae());
        versions.put("spark", spark.version());
        versions.put("java", System.getProperty("java.version"));
        record.put("versions", versions);
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a run record must be expressible as JSON: " + e.getOriginalMessage(), e);
        }
        ImageFiles.write(new Path(output, FILE).toString(), bytes, spark.sessionState().newHadoopConf());
    }
}
