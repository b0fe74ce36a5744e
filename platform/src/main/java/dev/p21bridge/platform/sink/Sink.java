package dev.p21bridge.platform.sink;

import org.apache.kafka.clients.admin.Admin;

/** What differs per sink: how it wires its handlers on the runtime's {@link SinkContext}. */
@FunctionalInterface
public interface Sink {

    /** Opens what the sink needs (registering it with {@link SinkContext#closeOnStop}) and returns its routes. */
    SinkWiring wire(SinkContext context);

    /** Checks the topics once they exist, before anything is consumed; throws to refuse to start. */
    default void checkTopics(Admin admin) {
    }
}
