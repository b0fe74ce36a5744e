package dev.p21bridge.reconciliation;

import static dev.p21bridge.reconciliation.CanonicalRecords.AT;
import static dev.p21bridge.reconciliation.CanonicalRecords.capture;
import static dev.p21bridge.reconciliation.CanonicalRecords.confirmation;
import static dev.p21bridge.reconciliation.CanonicalRecords.invoice;
import static dev.p21bridge.reconciliation.CanonicalRecords.order;
import static dev.p21bridge.reconciliation.CanonicalRecords.receipt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.reconciliation.report.ReconciliationReader;
import dev.p21bridge.reconciliation.report.ReconciliationReport;
import dev.p21bridge.reconciliation.report.ReportFormat;
import dev.p21bridge.reconciliation.report.ReportQuery;
import dev.p21bridge.registry.EmbeddedSchemaRegistry;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import dev.p21bridge.testing.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconciliation on a real broker, from canonical records to the report a controller reads: of four orders, the
 * one whose P21 receipt was voided and the one P21 recorded twice are named, and no other.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class ReconciliationIntegrationTest {

    private static EmbeddedSchemaRegistry registry;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startRegistry() {
        registry = EmbeddedSchemaRegistry.inMemory(0).start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void shouldReportExactlyTheVoidedAndTheDuplicatedReceipt(TestKafka kafka) {
        // a day of its own, so a broker shared with other runs adds no order to this report
        LocalDate day = LocalDate.of(2001, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(5000));
        Instant orderDate = day.atTime(10, 0).toInstant(ZoneOffset.UTC);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String balanced = "xcart:" + run + "-1";
        String voided = "xcart:" + run + "-2";
        String paidTwice = "clarity:" + run + "-3";
        String partial = "clarity:" + run + "-4";
        Map<String, String> env = Map.of(KafkaConfig.BOOTSTRAP.name(), kafka.bootstrapServers(),
                KafkaConfig.SCHEMA_REGISTRY_URL.name(), registry.url(),
                ReconciliationConfig.APPLICATION_ID.name(), "reconciliation-it-" + run);
        ReconciliationConfig config = ReconciliationConfig.from(new Environment(env), stateDir);
        ReconciliationSerdes serdes = ReconciliationSerdes.confluent(new SchemaRegistryClient(registry.url()));

        try (ReconciliationService service = new ReconciliationService(config, new SimpleMeterRegistry()).start();
             KafkaProducer<String, SpecificRecord> producer = producer(kafka, serdes)) {
            for (String key : List.of(balanced, voided, paidTwice)) {
                send(producer, Topics.CANONICAL_ORDERS.name(), key, order(key, "100.00", orderDate));
                send(producer, Topics.CANONICAL_ORDER_CONFIRMATIONS.name(), key, confirmation(key, "5001"));
                send(producer, Topics.CANONICAL_PAYMENTS.name(), key, capture(key, "T-" + key, "100.00"));
                send(producer, Topics.CANONICAL_INVOICES.name(), key, invoice(key, "I-" + key, "100.00"));
            }
            send(producer, Topics.CANONICAL_PAYMENT_RECEIPTS.name(), balanced, receipt(balanced, "R-1", "T-" + balanced, "100.00"));
            send(producer, Topics.CANONICAL_PAYMENT_RECEIPTS.name(), voided, receipt(voided, "R-2", "T-" + voided, "100.00"));
            send(producer, Topics.CANONICAL_PAYMENT_RECEIPTS.name(), voided,
                    receipt(voided, "R-2", "T-" + voided, "100.00", true, AT.plusSeconds(600)));
            send(producer, Topics.CANONICAL_PAYMENT_RECEIPTS.name(), paidTwice, receipt(paidTwice, "R-3", "T-" + paidTwice, "100.00"));
            send(producer, Topics.CANONICAL_PAYMENT_RECEIPTS.name(), paidTwice, receipt(paidTwice, "R-4", "T-" + paidTwice, "100.00"));
            // partial captures, each with its receipt, and every record of the order delivered twice
            for (int delivery = 0; delivery < 2; delivery++) {
                send(producer, Topics.CANONICAL_ORDERS.name(), partial, order(partial, "80.00", orderDate));
                send(producer, Topics.CANONICAL_ORDER_CONFIRMATIONS.name(), partial, confirmation(partial, "5004"));
                send(producer, Topics.CANONICAL_PAYMENTS.name(), partial, capture(partial, "T-a", "30.00"));
                send(producer, Topics.CANONICAL_PAYMENTS.name(), partial, capture(partial, "T-b", "50.00"));
                send(producer, Topics.CANONICAL_PAYMENT_RECEIPTS.name(), partial, receipt(partial, "R-5", "T-a", "30.00"));
                send(producer, Topics.CANONICAL_PAYMENT_RECEIPTS.name(), partial, receipt(partial, "R-6", "T-b", "50.00"));
            }
            producer.flush();

            ReconciliationReader reader = new ReconciliationReader(config.kafka().clientProperties(),
                    serdes.reconciliations().deserializer());
            ReportQuery query = ReportQuery.parse(day.toString(), day.toString(), null, "--");
            ReconciliationReport[] report = new ReconciliationReport[1];
            Await.until("the four orders reconciled", Duration.ofSeconds(90), () -> {
                report[0] = ReconciliationReport.of(reader.latest(ReconciliationReader.Progress.NONE), query);
                return report[0].total().orders() == 4 && report[0].total().p21Receipts().signum() > 0
                        && report[0].summary().equals("orders 4, balanced 2, with differences 2");
            }, () -> report[0] == null ? "nothing read" : report[0].summary());

            StringWriter text = new StringWriter();
            ReportFormat.text(report[0], new PrintWriter(text));
            List<String> differenceLines = text.toString().lines()
                    .filter(line -> line.contains("MISSING_IN_P21") || line.contains("PAID_TWICE")
                            || line.matches(".*[A-Z]+_[A-Z_]+ .*")).toList();
            assertThat(differenceLines).hasSize(2);
            assertThat(differenceLines).anySatisfy(line -> assertThat(line).contains(voided, "MISSING_IN_P21", "100.00",
                    "receipt R-2 was voided in P21"));
            assertThat(differenceLines).anySatisfy(line -> assertThat(line).contains(paidTwice, "PAID_TWICE", "100.00"));
            assertThat(text.toString().lines().reduce((a, b) -> b)).hasValue("orders 4, balanced 2, with differences 2");

            StringWriter csv = new StringWriter();
            ReportFormat.csv(report[0], new PrintWriter(csv));
            List<String> rows = csv.toString().lines().toList();
            assertThat(rows).hasSize(5).first().isEqualTo(ReportFormat.CSV_HEADER);
            assertThat(rows).anySatisfy(row -> assertThat(row).startsWith(partial + ",clarity," + day + ",80.00,80.00,0.00,5004,80.00,0.00,0.00,true,"));
            assertThat(rows).anySatisfy(row -> assertThat(row).startsWith(voided).endsWith(",false,MISSING_IN_P21"));
            assertThat(rows).anySatisfy(row -> assertThat(row).startsWith(paidTwice).endsWith(",false,PAID_TWICE"));
        }
    }

    @SuppressWarnings("unchecked")
    private static KafkaProducer<String, SpecificRecord> producer(TestKafka kafka, ReconciliationSerdes serdes) {
        Map<Class<?>, Serializer<?>> byType = Map.of(
                dev.p21bridge.schemas.Order.class, serdes.orders().serializer(),
                dev.p21bridge.schemas.PaymentCapture.class, serdes.payments().serializer(),
                dev.p21bridge.schemas.PaymentReceipt.class, serdes.receipts().serializer(),
                dev.p21bridge.schemas.Invoice.class, serdes.invoices().serializer(),
                dev.p21bridge.schemas.OrderConfirmation.class, serdes.confirmations().serializer());
        Serializer<SpecificRecord> values = (topic, record) ->
                ((Serializer<SpecificRecord>) byType.get(record.getClass())).serialize(topic, record);
        return new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
                new StringSerializer(), values);
    }

    private static void send(KafkaProducer<String, SpecificRecord> producer, String topic, String key, SpecificRecord value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }
}
