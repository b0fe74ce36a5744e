package dev.p21bridge.platform.config;

import java.net.URI;
import java.util.Properties;
import java.util.Set;

/**
 * How every service reaches Kafka and the schema registry, and how topics are created.
 *
 * @param clientProperties pass-through client settings ({@code BRIDGE_KAFKA_*}) applied to every client
 */
public record KafkaConfig(String bootstrapServers, URI schemaRegistryUrl, short replicationFactor,
                          int minInsyncReplicas, Properties clientProperties) {

    public static final Setting<String> BOOTSTRAP = Setting.string("BRIDGE_KAFKA_BOOTSTRAP",
            "Kafka bootstrap servers, host:port[,host:port]", "localhost:9092");
    public static final Setting<URI> SCHEMA_REGISTRY_URL = Setting.url("BRIDGE_SCHEMA_REGISTRY_URL",
            "schema registry speaking Confluent's REST API", URI.create("http://localhost:8081"));
    public static final Setting<Integer> REPLICATION_FACTOR = Setting.integer("BRIDGE_TOPIC_REPLICATION_FACTOR",
            "replication factor of the topics the bridge creates", 1, 1, 32);
    public static final Setting<Integer> MIN_INSYNC_REPLICAS = Setting.integer("BRIDGE_TOPIC_MIN_INSYNC_REPLICAS",
            "min.insync.replicas of the topics the bridge creates", 1, 1, 32);

    public static final Set<String> OWN_SETTINGS = Set.of(BOOTSTRAP.name());

    public static KafkaConfig from(Environment env) {
        String bootstrap = env.get(BOOTSTRAP);
        for (String server : bootstrap.split(",")) {
            int colon = server.trim().lastIndexOf(':');
            if (colon <= 0 || !server.trim().substring(colon + 1).matches("\\d{1,5}")) {
                throw new ConfigException(BOOTSTRAP.name() + " is malformed (expected host:port, got '" + server.trim()
                        + "'): " + BOOTSTRAP.description());
            }
        }
        int replication = env.get(REPLICATION_FACTOR);
        int minIsr = env.get(MIN_INSYNC_REPLICAS);
        if (minIsr > replication) {
            throw new ConfigException(MIN_INSYNC_REPLICAS.name() + " is malformed (" + minIsr
                    + " exceeds the replication factor " + replication + "): " + MIN_INSYNC_REPLICAS.description());
        }
        return new KafkaConfig(bootstrap, env.get(SCHEMA_REGISTRY_URL), (short) replication, minIsr,
                env.kafkaPassthrough(OWN_SETTINGS));
    }

    /** Base client properties: bootstrap plus every pass-through setting. */
    public Properties clientProperties() {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.setProperty("bootstrap.servers", bootstrapServers);
        return props;
    }
}
