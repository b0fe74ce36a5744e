package dev.p21bridge.schemas.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.schemas.Address;
import dev.p21bridge.schemas.ChangeType;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.Source;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CustomerContentTest {

    private static Customer p21Customer(String phone, Address address) {
        return Customer.newBuilder()
                .setEmail("dana@example.com").setSource(Source.P21).setSourceEventId("customer:1")
                .setChangeType(ChangeType.UPDATED).setEventTime(Instant.EPOCH).setSourceCustomerId("1001")
                .setP21CustomerId("1001").setFirstName(" Dana ").setLastName("Whitfield").setPhone(phone)
                .setBillingAddress(address).setChangedAt(Instant.EPOCH).build();
    }

    private static Address address() {
        return Address.newBuilder().setLine1("4100  Industrial Blvd").setLine2("Suite 200").setCity("Austin")
                .setRegionCode("tx").setPostalCode("78744").setCountryCode("us").build();
    }

    @Test
    void shouldBeShownByAStorefrontThatKeepsOneNameAndOneStreetField() {
        CustomerContent written = CustomerContent.of(p21Customer("512-555-0142", address()));

        // X-Cart: first and last name apart, one street; Clarity: one full name, two street lines joined by the caller
        assertThat(written.isShownBy(CustomerContent.of("Dana", "Whitfield", "512-555-0142",
                "4100 Industrial Blvd Suite 200", "Austin", "TX", "78744", "US"))).isTrue();
        assertThat(written.isShownBy(CustomerContent.of("Dana Whitfield", null, " 512-555-0142 ",
                CustomerContent.joinLines("4100 Industrial Blvd", "Suite 200"), "Austin", "Tx", "78744", "us")))
                .isTrue();
    }

    @Test
    void shouldNotBeShownWhenAWrittenFieldDiffers() {
        CustomerContent written = CustomerContent.of(p21Customer("512-555-0142", address()));

        assertThat(written.isShownBy(CustomerContent.of("Dana", "Whitfield", "512-555-0199",
                "4100 Industrial Blvd Suite 200", "Austin", "TX", "78744", "US"))).isFalse();
        assertThat(written.isShownBy(CustomerContent.of("Dana", "Whitfield", "512-555-0142",
                "4100 Industrial Blvd", "Austin", "TX", "78744", "US"))).isFalse();
    }

    @Test
    void shouldNotCompareWhatP21DoesNotHave() {
        CustomerContent written = CustomerContent.of(p21Customer(null, null));

        assertThat(written.isShownBy(CustomerContent.of("Dana", "Whitfield", "512-555-0199",
                "1 Other Street", "Dallas", "TX", "75201", "US"))).isTrue();
    }
}
