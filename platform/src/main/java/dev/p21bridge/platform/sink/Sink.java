package dev.p21bridge.platform.sink;

import dev.p21bridge.platform.topics.TopicInitializer;

/** What differs per sink: how it wires its handlers on the runtime's {@link SinkContext}. */
@FunctionalInterface
public interface Sink {

    /** Opens what the sink needs (registering it with {@link SinkContext#closeOnStop}) and returns its routes. */
    SinkWiring wire(SinkContext context);

    /**
     * Checks the topics once they exist, before anything is consumed; throws to refuse to start. Describe them with
     * {@link TopicInitializer#describe}: a broker may not know a topic created a moment ago.
     */
    default void checkTopics(TopicInitializer topics) {
    }
}
