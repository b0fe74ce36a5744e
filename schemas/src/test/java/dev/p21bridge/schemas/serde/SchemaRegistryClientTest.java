package dev.p21bridge.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.schemas.Product;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientTest {

    private StubSchemaRegistry registry;

    @BeforeEach
    void startRegistry() throws Exception {
        registry = new StubSchemaRegistry(1);
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void shouldAnswerARegisteredSchemaByIdWithoutAskingTheRegistry() {
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url());

        int id = client.register("canonical.products-value", Product.getClassSchema());

        assertThat(client.getById(id)).isEqualTo(Product.getClassSchema());
        assertThat(registry.requests()).containsExactly("POST /subjects/canonical.products-value/versions");
    }

    @Test
    void shouldFetchAnUnknownIdOnceAndCacheIt() {
        registry.preload(9, Product.getClassSchema());
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url());

        client.getById(9);
        client.getById(9);

        assertThat(registry.requests()).containsExactly("GET /schemas/ids/9");
    }

    @Test
    void shouldSendTheCredentialsOfTheUrlAsBasicAuthentication() {
        String url = registry.url().replace("http://", "http://analyst:s3cr%40t@");

        new SchemaRegistryClient(url).register("s-value", Product.getClassSchema());

        assertThat(registry.authorizations()).containsExactly(
                "Basic " + Base64.getEncoder().encodeToString("analyst:s3cr@t".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldCarryConfluentsErrorCodeAndMessageAndTellAnIncompatibleSchema() {
        registry.failWith(409, 409, "Schema being registered is incompatible with an earlier schema for subject \"s-value\"");

        assertThatThrownBy(() -> new SchemaRegistryClient(registry.url()).register("s-value", Product.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isIncompatible()).isTrue();
                    assertThat(e.errorCode()).isEqualTo(409);
                    assertThat(e.isRetriable()).isFalse();
                    assertThat(e.getMessage()).contains("incompatible");
                });
    }

    @Test
    void shouldAnswerEmptyWhenLookingUpASchemaTheSubjectDoesNotHave() {
        assertThat(new SchemaRegistryClient(registry.url()).lookup("s-value", Product.getClassSchema())).isEmpty();
    }

    @Test
    void shouldReportAnUnreachableRegistryAsRetriable() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        SchemaRegistryClient client = new SchemaRegistryClient("http://localhost:" + freePort, null, Duration.ofSeconds(2));

        assertThatThrownBy(() -> client.getById(1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.UNREACHABLE);
                    assertThat(e.isRetriable()).isTrue();
                });
    }

    @Test
    void shouldTryTheNextUrlWhenTheFirstDoesNotAnswer() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        SchemaRegistryClient client = new SchemaRegistryClient("http://localhost:" + freePort + "," + registry.url());

        assertThat(client.register("s-value", Product.getClassSchema())).isEqualTo(1);
    }
}
