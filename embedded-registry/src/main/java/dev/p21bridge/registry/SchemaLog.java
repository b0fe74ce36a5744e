package dev.p21bridge.registry;

import java.util.List;

/**
 * Where the registry keeps its history. The registry replays {@link #readAll()} at start and applies an event to
 * memory only after {@link #append} returned, so what a client was told survives a restart.
 *
 * <p>The seam exists so the HTTP API can be tested, and used by other modules' unit tests, without a broker.
 */
interface SchemaLog extends AutoCloseable {

    /** Every stored event, oldest first. Called once, at start. */
    List<RegistryEvent> readAll();

    /**
     * Stores {@code event} durably; returns only once it is stored.
     *
     * @throws RegistryError 50001 or 50002 when it could not be stored
     */
    void append(RegistryEvent event);

    @Override
    void close();
}
