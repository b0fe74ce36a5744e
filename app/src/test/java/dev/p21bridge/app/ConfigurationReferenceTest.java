package dev.p21bridge.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.p21bridge.app.trace.TraceConfig;
import dev.p21bridge.ingress.IngressConfig;
import dev.p21bridge.ingress.p21.P21PollerConfig;
import dev.p21bridge.p21.OrderMapping;
import dev.p21bridge.p21.P21Config;
import dev.p21bridge.p21client.P21Connection;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.config.Setting;
import dev.p21bridge.platform.config.StoreSettings;
import dev.p21bridge.platform.retry.RetryConfig;
import dev.p21bridge.reconciliation.ReconciliationConfig;
import dev.p21bridge.storefront.StorefrontSinkConfig;
import dev.p21bridge.transformer.TransformerConfig;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/configuration.md is what the Setting constants render, and it lists every one of them. */
class ConfigurationReferenceTest {

    private static final List<Class<?>> CONFIG_CLASSES = List.of(KafkaConfig.class, IngressConfig.class,
            P21PollerConfig.class, TransformerConfig.class, P21Config.class, StorefrontSinkConfig.class,
            RetryConfig.class, P21Connection.class, OrderMapping.class, ReconciliationConfig.class,
            dev.p21bridge.app.console.ConsoleConfig.class, TraceConfig.class, StoreSettings.class,
            dev.p21bridge.app.console.alerts.AlertConfig.class,
            dev.p21bridge.ingress.availability.AvailabilityConfig.class);
    /** A setting declared in main code: {@code Setting.duration("BRIDGE_...",} or {@code new Setting<>("BRIDGE_...",}. */
    private static final Pattern DECLARED = Pattern.compile("Setting(?:\\.\\w+|<>)\\(\\s*\"(BRIDGE_[A-Z0-9_]+)\"");

    @Test
    void theFileIsWhatTheSettingsRender() throws IOException {
        Path file = RepositoryRoot.find().resolve(ConfigurationReference.FILE);
        String rendered = ConfigurationReference.render();
        if (Boolean.getBoolean("bridge.docs.write")) {
            Files.writeString(file, rendered, StandardCharsets.UTF_8);
        }
        String written = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        assertEquals(rendered, written, ConfigurationReference.FILE + " is out of date with the Setting constants."
                + " Regenerate it from the repository root with:\n  " + ConfigurationReference.REGENERATE + "\n");
    }

    @Test
    void everySettingOfEveryConfigClassIsListed() throws IllegalAccessException {
        Set<String> listed = ConfigurationReference.sections().stream()
                .flatMap(section -> section.settings().stream()).map(Setting::name).collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        for (Class<?> type : CONFIG_CLASSES) {
            for (Field field : type.getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == Setting.class) {
                    Setting<?> setting = (Setting<?>) field.get(null);
                    if (!listed.contains(setting.name())) {
                        missing.add(type.getSimpleName() + "." + field.getName() + " (" + setting.name() + ")");
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "settings not placed in any section of ConfigurationReference.sections()");
    }

    /** Also a setting in a class the list above does not know yet: found in the sources of every module. */
    @Test
    void everySettingDeclaredInAnyModulesSourcesIsListed() throws IOException {
        Set<String> listed = ConfigurationReference.sections().stream()
                .flatMap(section -> section.settings().stream()).map(Setting::name).collect(Collectors.toSet());
        Set<String> declared = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of(".."), 12)) {
            for (Path file : files.filter(p -> p.toString().contains("/src/main/java/") && p.toString().endsWith(".java"))
                    .toList()) {
                Matcher setting = DECLARED.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (setting.find()) {
                    declared.add(setting.group(1));
                }
            }
        }
        declared.removeAll(listed);
        declared.remove("BRIDGE_HTTP_PORT");  // listed under "Other variables", with each service's own default
        assertEquals(Set.of(), declared, "settings declared in the code but missing from docs/configuration.md");
    }

    @Test
    void noSecretDefaultIsPrinted() {
        String rendered = ConfigurationReference.render();
        ConfigurationReference.sections().stream().flatMap(section -> section.settings().stream())
                .filter(ConfigurationReference::isSecret)
                .filter(setting -> setting.defaultValue() != null && !"".equals(setting.defaultValue()))
                .forEach(setting -> assertFalse(rendered.contains(String.valueOf(setting.defaultValue())),
                        setting.name() + "'s default is printed"));
        assertTrue(ConfigurationReference.isSecret(P21Config.PASSWORD));
        assertTrue(ConfigurationReference.isSecret(StorefrontSinkConfig.XCART_TOKEN));
    }

    @Test
    void durationsReadAsAnOperatorWritesThem() {
        assertEquals("250ms", ConfigurationReference.format(Duration.ofMillis(250)));
        assertEquals("10s", ConfigurationReference.format(Duration.ofSeconds(10)));
        assertEquals("90s", ConfigurationReference.format(Duration.ofSeconds(90)));
        assertEquals("30m", ConfigurationReference.format(Duration.ofMinutes(30)));
        assertEquals("7d", ConfigurationReference.format(Duration.ofDays(7)));
        assertEquals("0s", ConfigurationReference.format(Duration.ZERO));
    }
}
