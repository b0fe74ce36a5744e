package dev.p21bridge.transformer.customers;

import dev.p21bridge.platform.logging.PersonalData;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.schemas.content.CustomerContent;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps customer changes from travelling in a circle. P21 is the system of record: each P21 customer change is
 * forwarded and its {@link CustomerContent} kept per e-mail (the key) as what the bridge writes to the storefronts.
 * When a storefront then reports a {@code customer.updated} whose content shows exactly that, it is the storefront
 * echoing the bridge's own write, and it is dropped: no {@code canonical.customers} record, counted in the Streams
 * metric {@code customer-echoes-dropped-total} (group {@code stream-p21-bridge-metrics}). A storefront change that
 * differs in any written field is a genuine change and flows.
 *
 * <p>Records must arrive partitioned by e-mail, so one task sees both sides of a customer.
 */
public final class CustomerEchoFilter implements Processor<String, Customer, String, Customer> {

    public static final String METRICS_SCOPE = "p21-bridge";
    private static final Logger log = LoggerFactory.getLogger(CustomerEchoFilter.class);

    private final String storeName;
    private ProcessorContext<String, Customer> context;
    private KeyValueStore<String, CustomerContent> written;
    private Sensor echoes;

    public CustomerEchoFilter(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, Customer> context) {
        this.context = context;
        this.written = context.getStateStore(storeName);
        this.echoes = context.metrics().addRateTotalSensor(METRICS_SCOPE, "customer-echo-filter",
                "customer-echoes-dropped", Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(Record<String, Customer> record) {
        Customer customer = record.value();
        if (customer == null || record.key() == null) {
            return;
        }
        if (customer.getSource() == Source.P21) {
            written.put(record.key(), CustomerContent.of(customer));
            context.forward(record);
            return;
        }
        CustomerContent last = written.get(record.key());
        if (last != null && last.isShownBy(CustomerContent.of(customer))) {
            echoes.record();
            log.debug("{} customer change of {} shows what the bridge wrote from P21; echo dropped (event {})",
                    customer.getSource(), PersonalData.maskEmail(record.key()), customer.getSourceEventId());
            return;
        }
        context.forward(record);
    }
}
