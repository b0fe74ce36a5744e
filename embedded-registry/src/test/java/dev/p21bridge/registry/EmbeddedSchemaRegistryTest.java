package dev.p21bridge.registry;

import static dev.p21bridge.registry.RegistryHttp.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.registry.RegistryHttp.Answer;
import dev.p21bridge.schemas.Product;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Confluent REST API of the registry, on its in-memory history: shapes, statuses and error codes. */
class EmbeddedSchemaRegistryTest {

    private static final String ORDERS = "canonical.orders-value";

    private EmbeddedSchemaRegistry registry;
    private RegistryHttp http;

    @BeforeEach
    void start() {
        registry = EmbeddedSchemaRegistry.inMemory(0).start();
        http = new RegistryHttp(registry.url());
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void shouldGiveTheSameIdAndNoNewVersionWhenTheSameSchemaIsRegisteredAgain() {
        Answer first = http.register(ORDERS, TestSchemas.order());
        Answer again = http.register(ORDERS, TestSchemas.order());

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().toString()).isEqualTo("{\"id\":1}");
        assertThat(again.body().toString()).isEqualTo("{\"id\":1}");
        assertThat(http.get("/subjects/" + ORDERS + "/versions").body().toString()).isEqualTo("[1]");
    }

    @Test
    void shouldNotMakeANewVersionForADifferentlyFormattedSameSchema() {
        http.register(ORDERS, TestSchemas.order());

        Answer pretty = http.post("/subjects/" + ORDERS + "/versions", schemaBody(TestSchemas.order().toString(true)));

        assertThat(pretty.body().path("id").asInt()).isEqualTo(1);
        assertThat(http.get("/subjects/" + ORDERS + "/versions").body().toString()).isEqualTo("[1]");
    }

    @Test
    void shouldReuseTheIdOfAnIdenticalSchemaUnderAnotherSubject() {
        http.register(ORDERS, TestSchemas.order());

        Answer other = http.register("archive.orders-value", TestSchemas.order());

        assertThat(other.body().path("id").asInt()).isEqualTo(1);
        assertThat(http.get("/subjects").body().toString()).isEqualTo("[\"archive.orders-value\",\"" + ORDERS + "\"]");
        assertThat(http.get("/schemas/ids/1/versions").body().toString()).isEqualTo(
                "[{\"subject\":\"archive.orders-value\",\"version\":1},{\"subject\":\"" + ORDERS + "\",\"version\":1}]");
    }

    @Test
    void shouldAddAVersionForABackwardCompatibleChange() {
        http.register(ORDERS, TestSchemas.order());

        Answer second = http.register(ORDERS, TestSchemas.orderWithOptionalField());

        assertThat(second.body().path("id").asInt()).isEqualTo(2);
        Answer latest = http.get("/subjects/" + ORDERS + "/versions/latest");
        assertThat(latest.body().path("subject").asText()).isEqualTo(ORDERS);
        assertThat(latest.body().path("version").asInt()).isEqualTo(2);
        assertThat(latest.body().path("id").asInt()).isEqualTo(2);
        assertThat(latest.body().path("schema").asText()).contains("warehouseId");
        assertThat(http.get("/subjects/" + ORDERS + "/versions/1").body().path("id").asInt()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAnIncompatibleSchemaWith409() {
        http.register(ORDERS, TestSchemas.order());

        Answer refused = http.register(ORDERS, TestSchemas.orderWithRequiredField());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo(409);
        assertThat(refused.body().path("message").asText())
                .startsWith("Schema being registered is incompatible with an earlier schema for subject \"" + ORDERS
                        + "\", details: ")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("warehouseId").contains("oldSchemaVersion: 1");
        assertThat(http.get("/subjects/" + ORDERS + "/versions").body().toString()).isEqualTo("[1]");
    }

    @Test
    void shouldAcceptAnIncompatibleSchemaWhenTheSubjectsLevelIsNone() {
        http.register(ORDERS, TestSchemas.order());
        http.put("/config/" + ORDERS, "{\"compatibility\":\"NONE\"}");

        assertThat(http.register(ORDERS, TestSchemas.orderWithRequiredField()).body().path("id").asInt()).isEqualTo(2);
    }

    @Test
    void shouldRefuseAnUnparsableSchemaWith42201() {
        Answer refused = http.post("/subjects/" + ORDERS + "/versions", schemaBody("{\"type\":\"record\",\"name\":\"X\"}"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorCode()).isEqualTo(42201);
        assertThat(http.post("/subjects/" + ORDERS + "/versions", "{}").errorCode()).isEqualTo(42201);
    }

    @Test
    void shouldAnswerConfluentsNotFoundCodes() {
        http.register(ORDERS, TestSchemas.order());

        assertThat(http.get("/subjects/nope-value/versions").errorCode()).isEqualTo(40401);
        assertThat(http.get("/subjects/nope-value/versions/latest").errorCode()).isEqualTo(40401);
        assertThat(http.get("/subjects/" + ORDERS + "/versions/7").errorCode()).isEqualTo(40402);
        assertThat(http.get("/subjects/" + ORDERS + "/versions/seven").errorCode()).isEqualTo(42202);
        assertThat(http.get("/schemas/ids/99").status()).isEqualTo(404);
        assertThat(http.get("/schemas/ids/99").errorCode()).isEqualTo(40403);
        assertThat(http.post("/subjects/nope-value", schemaBody(TestSchemas.order())).errorCode()).isEqualTo(40401);
        assertThat(http.post("/subjects/" + ORDERS, schemaBody(Product.getClassSchema())).errorCode()).isEqualTo(40403);
        assertThat(http.get("/no/such/path").errorCode()).isEqualTo(404);
    }

    @Test
    void shouldFindTheVersionOfARegisteredSchema() {
        http.register(ORDERS, TestSchemas.order());
        http.register(ORDERS, TestSchemas.orderWithOptionalField());

        Answer found = http.post("/subjects/" + ORDERS, schemaBody(TestSchemas.orderWithOptionalField()));

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().path("subject").asText()).isEqualTo(ORDERS);
        assertThat(found.body().path("version").asInt()).isEqualTo(2);
        assertThat(found.body().path("id").asInt()).isEqualTo(2);
        assertThat(found.body().path("schema").asText()).contains("warehouseId");
    }

    @Test
    void shouldAnswerTheSchemaByIdInConfluentsContentType() throws Exception {
        http.register(ORDERS, TestSchemas.order());

        Answer schema = http.get("/schemas/ids/1");

        assertThat(schema.contentType()).startsWith("application/vnd.schemaregistry.v1+json");
        assertThat(schema.body().path("schema").asText()).isEqualTo(TestSchemas.order().toString());
        assertThat(http.get("/subjects/" + ORDERS + "/versions/1/schema").body())
                .isEqualTo(new ObjectMapper().readTree(TestSchemas.order().toString()));
    }

    @Test
    void shouldSetReadAndRemoveCompatibilityLevels() {
        assertThat(http.get("/config").body().toString()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
        assertThat(http.put("/config", "{\"compatibility\":\"FULL\"}").body().toString()).isEqualTo("{\"compatibility\":\"FULL\"}");
        assertThat(http.get("/config").body().toString()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");

        assertThat(http.get("/config/" + ORDERS).errorCode()).isEqualTo(40408);
        assertThat(http.get("/config/" + ORDERS + "?defaultToGlobal=true").body().toString())
                .isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
        assertThat(http.put("/config/" + ORDERS, "{\"compatibility\":\"forward_transitive\"}").body().toString())
                .isEqualTo("{\"compatibility\":\"FORWARD_TRANSITIVE\"}");
        assertThat(http.get("/config/" + ORDERS).body().toString()).isEqualTo("{\"compatibilityLevel\":\"FORWARD_TRANSITIVE\"}");
        assertThat(http.delete("/config/" + ORDERS).body().toString()).isEqualTo("{\"compatibilityLevel\":\"FORWARD_TRANSITIVE\"}");
        assertThat(http.get("/config/" + ORDERS).errorCode()).isEqualTo(40408);
    }

    @Test
    void shouldRefuseAnUnknownCompatibilityLevelWith42203() {
        Answer refused = http.put("/config", "{\"compatibility\":\"SIDEWAYS\"}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorCode()).isEqualTo(42203);
        assertThat(http.get("/config").body().path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    }

    @Test
    void shouldTellWhetherASchemaIsCompatibleWithoutRegisteringIt() {
        http.register(ORDERS, TestSchemas.order());
        String path = "/compatibility/subjects/" + ORDERS + "/versions/latest";

        assertThat(http.post(path, schemaBody(TestSchemas.orderWithOptionalField())).body().toString())
                .isEqualTo("{\"is_compatible\":true}");
        Answer verbose = http.post(path + "?verbose=true", schemaBody(TestSchemas.orderWithRequiredField()));
        assertThat(verbose.body().path("is_compatible").asBoolean()).isFalse();
        assertThat(verbose.body().path("messages").toString()).contains("warehouseId");
        assertThat(http.post("/compatibility/subjects/" + ORDERS + "/versions/1",
                schemaBody(TestSchemas.orderWithRequiredField())).body().path("is_compatible").asBoolean()).isFalse();
        assertThat(http.get("/subjects/" + ORDERS + "/versions").body().toString()).isEqualTo("[1]");
    }

    @Test
    void shouldServeTheSerdesClient() {
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url());

        int id = client.register("canonical.products-value", Product.getClassSchema());

        assertThat(new SchemaRegistryClient(registry.url()).getById(id)).isEqualTo(Product.getClassSchema());
        assertThat(new SchemaRegistryClient(registry.url()).lookup("canonical.products-value", Product.getClassSchema()))
                .contains(id);
    }
}
