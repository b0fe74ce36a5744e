package dev.p21bridge.testing;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Gives an integration test class one Kafka broker, injected as a {@link TestKafka} parameter of a constructor,
 * a {@code @BeforeAll} method or a test method, and stops it after the class (nested classes share it).
 *
 * <p>Which broker, first match wins:
 * <ol>
 *   <li>{@code BRIDGE_TEST_KAFKA=embedded} (environment or system property): the in-JVM broker;</li>
 *   <li>{@code BRIDGE_TEST_BOOTSTRAP=host:port}: that external cluster, left running and never cleaned;</li>
 *   <li>a Docker engine answers within a few seconds: a Testcontainers {@code apache/kafka} broker;</li>
 *   <li>otherwise the in-JVM {@link dev.p21bridge.kafka.EmbeddedKafkaBroker} on a temporary directory.</li>
 * </ol>
 * Tests on a shared external cluster must use topic and group names unique to the run.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, ParameterResolver {

    static final String FORCE_SETTING = "BRIDGE_TEST_KAFKA";
    static final String BOOTSTRAP_SETTING = "BRIDGE_TEST_BOOTSTRAP";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaBrokerExtension.class);
    private static final Duration DOCKER_PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static volatile Boolean dockerAnswers;

    @Override
    public void beforeAll(ExtensionContext context) {
        kafkaFor(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestKafka.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return kafkaFor(extensionContext);
    }

    /** The broker of the outermost test class, started on first use; the store closes it when that class ends. */
    private static TestKafka kafkaFor(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getParent().flatMap(ExtensionContext::getTestClass).isPresent()) {
            classContext = classContext.getParent().orElseThrow();
        }
        String testClass = classContext.getRequiredTestClass().getSimpleName();
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(TestKafka.class, key -> start(testClass), TestKafka.class);
    }

    private static TestKafka start(String testClass) {
        String forced = setting(FORCE_SETTING);
        String external = setting(BOOTSTRAP_SETTING);
        TestKafka kafka;
        String reason;
        if (forced != null && !forced.equalsIgnoreCase("embedded")) {
            throw new IllegalArgumentException(FORCE_SETTING + " only knows 'embedded', not '" + forced + "'");
        } else if (forced != null) {
            kafka = EmbeddedTestKafka.start();
            reason = FORCE_SETTING + "=embedded";
        } else if (external != null) {
            kafka = new ExternalKafka(external);
            reason = BOOTSTRAP_SETTING + " is set";
        } else if (dockerAnswers()) {
            kafka = ContainerKafka.start();
            reason = "a Docker engine answers";
        } else {
            kafka = EmbeddedTestKafka.start();
            reason = "no " + BOOTSTRAP_SETTING + " and no Docker engine";
        }
        LOG.info("{} runs against {} ({})", testClass, kafka, reason);
        return kafka;
    }

    private static String setting(String name) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * Asks Testcontainers once per JVM whether a Docker engine answers; a missing, slow or broken engine counts as
     * absent, so the embedded broker takes over instead of the test run failing or hanging.
     */
    private static boolean dockerAnswers() {
        Boolean known = dockerAnswers;
        if (known == null) {
            synchronized (KafkaBrokerExtension.class) {
                if (dockerAnswers == null) {
                    dockerAnswers = probeDocker();
                }
                known = dockerAnswers;
            }
        }
        return known;
    }

    private static boolean probeDocker() {
        CompletableFuture<Boolean> probe = new CompletableFuture<>();
        Thread prober = new Thread(() -> {
            try {
                probe.complete(DockerClientFactory.instance().isDockerAvailable());
            } catch (Throwable t) {
                probe.complete(false);
            }
        }, "docker-probe");
        prober.setDaemon(true);
        prober.start();
        try {
            return probe.get(DOCKER_PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.info("No answer from Docker within {} s; using the embedded Kafka broker", DOCKER_PROBE_TIMEOUT.toSeconds());
            return false;
        }
    }
}
