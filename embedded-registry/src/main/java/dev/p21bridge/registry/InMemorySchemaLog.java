package dev.p21bridge.registry;

import java.util.ArrayList;
import java.util.List;

/** A schema log that lives as long as the JVM: for tests that need a registry but no broker. */
final class InMemorySchemaLog implements SchemaLog {

    private final List<RegistryEvent> events = new ArrayList<>();

    @Override
    public synchronized List<RegistryEvent> readAll() {
        return List.copyOf(events);
    }

    @Override
    public synchronized void append(RegistryEvent event) {
        events.add(event);
    }

    @Override
    public void close() {
    }
}
