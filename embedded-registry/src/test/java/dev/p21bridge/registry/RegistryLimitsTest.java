package dev.p21bridge.registry;

import static dev.p21bridge.registry.RegistryHttp.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.registry.RegistryHttp.Answer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What keeps a registry that anyone on the network can reach from being filled or rewritten: sizes are refused
 * before parsing, and changes from other machines need the admin token.
 */
class RegistryLimitsTest {

    private EmbeddedSchemaRegistry registry;

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void shouldRefuseASchemaLongerThanTheLimitBeforeParsingIt() {
        RegistryHttp http = start(EmbeddedSchemaRegistry.inMemory(0));
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("Huge").fields();
        for (int i = 0; i < 4_000; i++) {
            fields = fields.optionalString("field_with_a_long_name_" + i);
        }
        Schema huge = fields.endRecord();
        assertThat(huge.toString().length()).isGreaterThan(SchemaRegistryHttpApi.MAX_SCHEMA_CHARS);

        Answer answer = http.register("huge-value", huge);

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body().get("error_code").asInt()).isEqualTo(42201);
        assertThat(answer.body().get("message").asText()).contains("exceeds " + SchemaRegistryHttpApi.MAX_SCHEMA_CHARS);
        assertThat(http.get("/subjects").body()).isEmpty();
    }

    @Test
    void shouldRefuseASubjectNameLongerThanTheLimitWithoutEchoingIt() {
        RegistryHttp http = start(EmbeddedSchemaRegistry.inMemory(0));
        String subject = "s".repeat(SchemaRegistryHttpApi.MAX_SUBJECT_CHARS + 1);

        Answer answer = http.register(subject, TestSchemas.order());

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body().get("message").asText()).doesNotContain(subject);
    }

    @Test
    void shouldRefuseARegistrationWithoutTheAdminTokenFromAnotherMachine() {
        RegistryHttp http = start(EmbeddedSchemaRegistry.inMemory(0)
                .access(RegistryAccess.adminTokenFromEveryone("the-admin-token")));

        Answer without = http.register("orders-value", TestSchemas.order());
        Answer wrong = http.post("/subjects/orders-value/versions", schemaBody(TestSchemas.order()), "admin-dev-token");
        Answer with = http.post("/subjects/orders-value/versions", schemaBody(TestSchemas.order()), "the-admin-token");

        assertThat(without.status()).isEqualTo(401);
        assertThat(without.body().get("error_code").asInt()).isEqualTo(40101);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(with.status()).isEqualTo(200);
        assertThat(http.get("/subjects").body()).hasSize(1);
    }

    @Test
    void shouldRefuseAConfigChangeWithoutTheAdminTokenButServeReadsAndLookUps() {
        RegistryHttp http = start(EmbeddedSchemaRegistry.inMemory(0)
                .access(RegistryAccess.adminTokenFromEveryone("the-admin-token")));

        assertThat(http.put("/config", "{\"compatibility\":\"NONE\"}").status()).isEqualTo(401);
        assertThat(http.get("/config").body().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        assertThat(http.post("/subjects/orders-value", schemaBody(TestSchemas.order())).status()).isEqualTo(404);
    }

    @Test
    void shouldTrustCallersOnThisMachineWhenOnlyOthersNeedTheToken() {
        RegistryHttp http = start(EmbeddedSchemaRegistry.inMemory(0).listenOn("127.0.0.1", "the-admin-token"));

        assertThat(http.register("orders-value", TestSchemas.order()).status()).isEqualTo(200);
    }

    private RegistryHttp start(EmbeddedSchemaRegistry toStart) {
        registry = toStart.start();
        return new RegistryHttp(registry.url());
    }
}
