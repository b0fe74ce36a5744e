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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs in CI, so the compose file is checked by reading it: every bridge setting it gives is one the
 * services know, every topic it names is in the catalog, and the cluster keeps every topic on 3 replicas with
 * {@code min.insync.replicas=2}.
 */
class DockerComposeTest {

    private static JsonNode services;

    @BeforeAll
    static void readCompose() throws Exception {
        File file = new File("../docker-compose.yml");
        // SnakeYAML applies anchors and merge keys (<<: *anchor) as Compose does; Jackson's YAML reader does not
        try (java.io.Reader reader = new java.io.FileReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
            Map<String, Object> compose = new org.yaml.snakeyaml.Yaml().load(reader);
            services = new ObjectMapper().valueToTree(compose).get("services");
        }
    }

    @Test
    void shouldGiveBridgeServicesOnlySettingsTheServicesKnow() throws Exception {
        Set<String> known = knownSettings();
        Set<String> unknown = new TreeSet<>();
        for (String service : new String[] {"ingress", "transformer", "p21-sink", "storefront-sink"}) {
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
    void shouldRunEveryBridgeServiceFromTheProjectJar() {
        for (String service : new String[] {"ingress", "transformer", "p21-sink", "storefront-sink"}) {
            assertThat(services.get(service).get("command").toString()).contains("p21-bridge.jar", "run", service);
        }
    }

    @Test
    void shouldReplicateEveryTopicThreeTimesWithTwoInSync() {
        JsonNode ingress = services.get("ingress").get("environment");
        assertThat(ingress.get("BRIDGE_TOPIC_REPLICATION_FACTOR").asInt()).isEqualTo(3);
        assertThat(ingress.get("BRIDGE_TOPIC_MIN_INSYNC_REPLICAS").asInt()).isEqualTo(2);
        for (String broker : new String[] {"kafka-1", "kafka-2", "kafka-3"}) {
            JsonNode env = services.get(broker).get("environment");
            assertThat(env.get("KAFKA_DEFAULT_REPLICATION_FACTOR").asInt()).isEqualTo(3);
            assertThat(env.get("KAFKA_MIN_INSYNC_REPLICAS").asInt()).isEqualTo(2);
            assertThat(env.get("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        }
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
