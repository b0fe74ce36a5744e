package dev.p21bridge.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.schemas.Product;
import org.junit.jupiter.api.Test;

class SchemaRegistryServiceTest {

    @Test
    void shouldKeepIdsVersionsAndLevelsWhenRebuiltFromItsLog() {
        InMemorySchemaLog log = new InMemorySchemaLog();
        SchemaRegistryService first = new SchemaRegistryService(log);
        first.register("canonical.orders-value", TestSchemas.order().toString());
        first.register("canonical.orders-value", TestSchemas.orderWithOptionalField().toString());
        first.setSubjectLevel("canonical.orders-value", CompatibilityLevel.FULL);

        SchemaRegistryService rebuilt = new SchemaRegistryService(log);

        assertThat(rebuilt.version("canonical.orders-value", "latest").id()).isEqualTo(2);
        assertThat(rebuilt.subjectLevel("canonical.orders-value")).contains(CompatibilityLevel.FULL);
        assertThat(rebuilt.register("canonical.orders-value", TestSchemas.order().toString())).isEqualTo(1);
        assertThat(rebuilt.register("canonical.products-value", Product.getClassSchema().toString())).isEqualTo(3);
    }

    @Test
    void shouldStoreNothingWhenTheSchemaIsRefused() {
        InMemorySchemaLog log = new InMemorySchemaLog();
        SchemaRegistryService service = new SchemaRegistryService(log);
        service.register("canonical.orders-value", TestSchemas.order().toString());

        assertThatThrownBy(() -> service.register("canonical.orders-value", TestSchemas.orderWithRequiredField().toString()))
                .isInstanceOfSatisfying(RegistryError.class, refused -> assertThat(refused.status()).isEqualTo(409));

        assertThat(log.readAll()).hasSize(1);
    }
}
