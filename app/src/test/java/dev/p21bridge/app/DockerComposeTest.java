package dev.p21bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.ingress.IngressConfig;
import dev.p21bridge.ingress.p21.P21PollerConfig;
import dev.p21bridge.p21.P21Config;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.config.Setting;
import dev.p21bridge.platform.http.ServiceHttpServer;
import dev.p21bridge.platform.topics.Topic;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.storefront.StorefrontSinkConfig;
import dev.p21bridge.transformer.TransformerConfig;
import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs in CI, so the compose file is checked by reading it: it deploys what ClusterIntegrationTest
 * (sandbox) proves, three brokers and two instances of each service from the app image and nothing else; every
 * bridge setting it gives is one the services know, every topic it names is in the catalog, the cluster keeps every
 * topic on 3 replicas with {@code min.insync.replicas=2} and {@code transaction.version} where the embedded broker
 * pins it, and everything has a health check, a restart policy and its data on a volume.
 */
class DockerComposeTest {

    private static final List<String> BROKERS = List.of("kafka-1", "kafka-2", "kafka-3");
    private static final String APP_IMAGE = "p21-bridge:local";
    private static final Map<String, Integer> HTTP_PORTS = Map.of("ingress", 8080, "transformer", 8094,
            "p21-sink", 8095, "storefront-sink", 8096);

    private static JsonNode compose;
    private static JsonNode services;

    @BeforeAll
    static void readCompose() throws Exception {
        File file = new File("../docker-compose.yml");
        // SnakeYAML applies anchors and merge keys (<<: *anchor) as Compose does; Jackson's YAML reader does not
        try (java.io.Reader reader = new java.io.FileReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
            Map<String, Object> yaml = new org.yaml.snakeyaml.Yaml().load(reader);
            compose = new ObjectMapper().valueToTree(yaml);
            services = compose.get("services");
        }
    }

    @Test
    void shouldGiveBridgeServicesOnlySettingsTheServicesKnow() throws Exception {
        Set<String> known = knownSettings();
        Set<String> unknown = new TreeSet<>();
        for (String service : bridgeServices()) {
            JsonNode environment = services.get(service).get("environment");
            assertThat(environment).as("environment of %s", service).isNotNull();
            for (Iterator<String> names = environment.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name) && !isKafkaPassthrough(name)) {
                    unknown.add(service + ": " + name);
                }
            }
        }
        assertThat(unknown).isEmpty();
    }

    @Test
    void shouldDeployTheTopologyTheClusterTestProves() {
        Map<String, Integer> instances = new java.util.TreeMap<>();
        for (String name : bridgeServices()) {
            JsonNode command = services.get(name).get("command");
            assertThat(command.get(0).asText()).as("command of %s", name).isEqualTo("run");
            String service = command.get(1).asText();
            assertThat(name).as("%s runs %s", name, service).startsWith(service + "-");
            instances.merge(service, 1, Integer::sum);
        }
        assertThat(instances).as("instances per service").isEqualTo(
                Map.of("ingress", 2, "transformer", 2, "p21-sink", 2, "storefront-sink", 2));
        Set<String> others = new TreeSet<>();
        services.fieldNames().forEachRemaining(others::add);
        others.removeAll(bridgeServices());
        assertThat(others).as("everything but the bridge's services: brokers and registry, no simulator")
                .containsExactlyInAnyOrder("kafka-1", "kafka-2", "kafka-3", "kafka-init", "schema-registry");
    }

    @Test
    void shouldBuildTheAppImageFromTheShadedJarAlone() throws Exception {
        List<String> instructions = java.nio.file.Files.readAllLines(java.nio.file.Path.of("../Dockerfile")).stream()
                .filter(line -> !line.startsWith("#")).toList();
        assertThat(instructions).filteredOn(line -> line.startsWith("COPY") || line.startsWith("ADD"))
                .containsExactly("COPY app/target/p21-bridge.jar /app/p21-bridge.jar");
        assertThat(java.nio.file.Files.readAllLines(java.nio.file.Path.of("../.dockerignore")))
                .contains("*", "!app/target/p21-bridge.jar");
        for (String name : bridgeServices()) {
            assertThat(services.get(name).get("build").asText()).as("%s is built from the Dockerfile", name).isEqualTo(".");
        }
    }

    @Test
    void shouldReplicateEveryTopicThreeTimesWithTwoInSync() {
        for (String name : bridgeServices()) {
            JsonNode env = services.get(name).get("environment");
            assertThat(env.get("BRIDGE_TOPIC_REPLICATION_FACTOR").asInt()).as(name).isEqualTo(3);
            assertThat(env.get("BRIDGE_TOPIC_MIN_INSYNC_REPLICAS").asInt()).as(name).isEqualTo(2);
            assertThat(env.get("BRIDGE_KAFKA_BOOTSTRAP").asText()).as(name)
                    .isEqualTo("kafka-1:9092,kafka-2:9092,kafka-3:9092");
        }
        for (String broker : BROKERS) {
            JsonNode env = services.get(broker).get("environment");
            assertThat(env.get("KAFKA_DEFAULT_REPLICATION_FACTOR").asInt()).isEqualTo(3);
            assertThat(env.get("KAFKA_MIN_INSYNC_REPLICAS").asInt()).isEqualTo(2);
            assertThat(env.get("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR").asInt()).isEqualTo(2);
            assertThat(env.get("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        }
    }

    @Test
    void shouldPinTheTransactionVersionTheEmbeddedBrokerRunsAtBeforeAnyServiceStarts() {
        JsonNode init = services.get("kafka-init");
        assertThat(init.get("command").toString())
                .contains("--feature transaction.version=" + dev.p21bridge.kafka.EmbeddedKafkaBroker.PINNED_TRANSACTION_VERSION);
        for (String broker : BROKERS) {
            assertThat(init.get("depends_on").get(broker).get("condition").asText()).isEqualTo("service_healthy");
        }
        for (String name : bridgeServices()) {
            assertThat(services.get(name).get("depends_on").get("kafka-init").get("condition").asText()).as(name)
                    .isEqualTo("service_completed_successfully");
        }
    }

    @Test
    void shouldCheckTheHealthOfEveryLongRunningContainerAndRestartIt() {
        services.fields().forEachRemaining(entry -> {
            if (entry.getKey().equals("kafka-init")) {
                return;
            }
            assertThat(entry.getValue().get("healthcheck")).as("health check of %s", entry.getKey()).isNotNull();
            assertThat(entry.getValue().get("restart").asText()).as("restart of %s", entry.getKey())
                    .isEqualTo("unless-stopped");
        });
        for (String name : bridgeServices()) {
            String service = services.get(name).get("command").get(1).asText();
            assertThat(services.get(name).get("healthcheck").get("test").toString()).as(name)
                    .contains("http://localhost:" + HTTP_PORTS.get(service) + "/health");
        }
    }

    @Test
    void shouldKeepEveryBrokersLogAndEveryTransformersStateOnItsOwnVolume() {
        Set<String> volumes = new HashSet<>();
        for (String name : bridgeServices()) {
            if (name.startsWith("transformer-")) {
                String mount = services.get(name).get("volumes").get(0).asText();
                assertThat(mount).endsWith(":/var/lib/p21-bridge");
                assertThat(services.get(name).get("environment").get("BRIDGE_TRANSFORMER_STATE_DIR").asText())
                        .startsWith("/var/lib/p21-bridge/");
                assertThat(volumes.add(mount.split(":")[0])).as("%s shares its state volume", name).isTrue();
            }
        }
        for (String broker : BROKERS) {
            String mount = services.get(broker).get("volumes").get(0).asText();
            assertThat(mount).endsWith(":" + services.get(broker).get("environment").get("KAFKA_LOG_DIRS").asText());
            assertThat(volumes.add(mount.split(":")[0])).as("%s shares its volume", broker).isTrue();
        }
        Set<String> declared = new HashSet<>();
        compose.get("volumes").fieldNames().forEachRemaining(declared::add);
        assertThat(declared).containsAll(volumes);
    }

    /** The services run from the app image, by their names in the file (ingress-1, ingress-2, ...). */
    private static Set<String> bridgeServices() {
        Set<String> names = new TreeSet<>();
        services.fields().forEachRemaining(entry -> {
            if (APP_IMAGE.equals(entry.getValue().path("image").asText())) {
                names.add(entry.getKey());
            }
        });
        assertThat(names).isNotEmpty();
        return names;
    }

    @Test
    void shouldNameOnlyTopicsOfTheCatalog() {
        Set<String> catalog = new HashSet<>();
        for (Topic<?> topic : Topics.all()) {
            catalog.add(topic.name());
        }
        Set<String> named = new TreeSet<>();
        services.fields().forEachRemaining(service -> {
            JsonNode environment = service.getValue().get("environment");
            if (environment != null) {
                environment.fields().forEachRemaining(setting -> {
                    if (setting.getKey().endsWith("_TOPIC")) {
                        named.add(setting.getValue().asText());
                    }
                });
            }
        });
        assertThat(named).isNotEmpty();
        assertThat(catalog).containsAll(named);
    }

    private static boolean isKafkaPassthrough(String name) {
        if (!name.startsWith("BRIDGE_KAFKA_")) {
            return false;
        }
        String property = name.substring("BRIDGE_KAFKA_".length()).toLowerCase().replace('_', '.');
        return ProducerConfig.configNames().contains(property) || ConsumerConfig.configNames().contains(property)
                || AdminClientConfig.configNames().contains(property);
    }

    private static Set<String> knownSettings() throws IllegalAccessException {
        Set<String> names = new HashSet<>();
        for (Class<?> type : new Class<?>[] {KafkaConfig.class, IngressConfig.class, P21PollerConfig.class, TransformerConfig.class,
            P21Config.class, StorefrontSinkConfig.class}) {
            for (Field field : type.getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && Setting.class.isAssignableFrom(field.getType())) {
                    names.add(((Setting<?>) field.get(null)).name());
                }
            }
        }
        names.add(ServiceHttpServer.portSetting(0).name());
        return names;
    }
}
