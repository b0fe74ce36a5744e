package dev.p21bridge.transformer.mapping;

import dev.p21bridge.schemas.ChangeType;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.transformer.normalize.CanonicalAddress;
import dev.p21bridge.transformer.normalize.Emails;
import dev.p21bridge.transformer.normalize.FieldLimits;
import dev.p21bridge.transformer.normalize.JsonFields;
import dev.p21bridge.transformer.normalize.RawEvent;

/**
 * The mapped customer a template produced (docs/mappings.md) into the canonical {@link Customer}: {@code email}
 * (normalized, required), {@code sourceCustomerId} (required), names, company, phone, both addresses, and
 * {@code changedAt} (ISO-8601; the time the event was received when the store says nothing).
 */
final class MappedCustomerReader {

    Customer read(RawEvent event, JsonFields json) {
        return Customer.newBuilder()
                .setEmail(Emails.normalize(json.optionalText("email", FieldLimits.EMAIL), () -> json.path("email")))
                .setSource(event.source())
                .setSourceEventId(event.eventId())
                .setChangeType(event.eventType().equals("customer.created") ? ChangeType.CREATED : ChangeType.UPDATED)
                .setEventTime(event.receivedAt())
                .setSourceCustomerId(json.id("sourceCustomerId"))
                .setP21CustomerId(null)
                .setFirstName(json.optionalText("firstName"))
                .setLastName(json.optionalText("lastName"))
                .setCompany(json.optionalText("company"))
                .setPhone(json.optionalText("phone"))
                .setBillingAddress(CanonicalAddress.read(json.optionalObject("billingAddress")))
                .setShippingAddress(CanonicalAddress.read(json.optionalObject("shippingAddress")))
                .setChangedAt(json.has("changedAt") ? json.instant("changedAt") : event.receivedAt())
                .setOrigin(null)
                .build();
    }
}
