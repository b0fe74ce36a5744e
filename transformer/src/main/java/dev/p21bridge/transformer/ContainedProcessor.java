package dev.p21bridge.transformer;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A processor of untrusted input whose {@link StackOverflowError} or {@link OutOfMemoryError} on one record is
 * turned into an exception, which Kafka Streams hands to the processing-exception handler
 * ({@link ContractDeadLetterHandler}): the record becomes an {@code internal} dead letter and the stream goes on.
 * Streams gives its handler only {@code Exception}s; an {@code Error} killed the stream thread, and the replacement
 * met the same record again. The bounds on the input (the parser's nesting depth, {@link
 * dev.p21bridge.transformer.normalize.Decimals}) keep these errors from happening; this is the net under them.
 */
final class ContainedProcessor<KIn, VIn, KOut, VOut> implements Processor<KIn, VIn, KOut, VOut> {

    private static final Logger log = LoggerFactory.getLogger(ContainedProcessor.class);

    private final Processor<KIn, VIn, KOut, VOut> delegate;

    ContainedProcessor(Processor<KIn, VIn, KOut, VOut> delegate) {
        this.delegate = delegate;
    }

    @Override
    public void init(ProcessorContext<KOut, VOut> context) {
        delegate.init(context);
    }

    @Override
    public void process(Record<KIn, VIn> record) {
        try {
            delegate.process(record);
        } catch (StackOverflowError | OutOfMemoryError e) {
            log.error("{} while processing one record; it is dead-lettered and the stream goes on", e.getClass().getSimpleName());
            throw new RecordError(e);
        }
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** An {@code Error} of one record, as an exception the processing-exception handler receives. */
    static final class RecordError extends RuntimeException {

        RecordError(Error cause) {
            super(cause.getClass().getSimpleName() + " while processing the record", cause, false, false);
        }
    }
}
