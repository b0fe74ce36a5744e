package dev.p21bridge.transformer.mapping.suggest;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where in an order a value belongs: the same {@code city} or {@code first_name} means a billing city under
 * {@code billing_address} and a shipping city under {@code shipping}, and an {@code id} under {@code customer} is no
 * order id. A source field's place is read from the words of the objects it sits in and from the leading words of its
 * own name ({@code customer_email}, {@code shipping_total}).
 */
enum Place {
    ORDER(Set.of("order", "orders", "sales", "purchase")),
    CUSTOMER(Set.of("customer", "buyer", "client", "purchaser", "contact", "user", "profile")),
    BILLING(Set.of("billing", "bill", "billto", "invoice", "invoicing")),
    SHIPPING(Set.of("shipping", "ship", "shipto", "delivery", "shipment", "recipient", "destination")),
    PAYMENT(Set.of("payment", "payments", "transaction", "transactions", "gateway", "financial")),
    LINE(Set.of("line", "lines", "item", "items"));

    private final Set<String> words;

    Place(Set<String> words) {
        this.words = words;
    }

    static boolean isPlaceWord(String word) {
        for (Place place : values()) {
            if (place.words.contains(word)) {
                return true;
            }
        }
        return false;
    }

    static Set<Place> of(Collection<String> words) {
        Set<Place> places = EnumSet.noneOf(Place.class);
        for (String word : words) {
            for (Place place : values()) {
                if (place.words.contains(word)) {
                    places.add(place);
                }
            }
        }
        return places;
    }

    /**
     * How well a field found in {@code found} fits a target that belongs here, from 0 to 1. An order-level target
     * takes fields at the top or under words that name no other place; a customer's name may come from the billing
     * address, less likely the shipping one; an address needs its own place.
     */
    double fit(Set<Place> found) {
        Set<Place> other = found.isEmpty() ? EnumSet.noneOf(Place.class) : EnumSet.copyOf(found);
        if (this != LINE) {
            // an order-level value may sit in a line (Magento's items[0].order_id); a line value never in the order
            other.remove(ORDER);
            other.remove(LINE);
        }
        // a customer's or an address's value is never inside a line (Magento repeats the lines under shipping)
        double inLine = this != ORDER && this != LINE && found.contains(LINE) ? 0.5 : 1.0;
        return inLine * switch (this) {
            case ORDER -> other.isEmpty() ? 1.0 : 0.5;
            case LINE -> other.isEmpty() || other.equals(EnumSet.of(LINE)) ? 1.0 : 0.6;
            case CUSTOMER -> other.isEmpty() || other.contains(CUSTOMER) ? 1.0
                    : other.contains(BILLING) ? 0.85 : other.contains(SHIPPING) ? 0.6 : 0.3;
            case BILLING -> addressFit(other, BILLING, SHIPPING);
            case SHIPPING -> addressFit(other, SHIPPING, BILLING);
            case PAYMENT -> other.contains(PAYMENT) ? 1.0 : other.isEmpty() ? 0.6 : 0.4;
        };
    }

    private static double addressFit(Set<Place> other, Place own, Place opposite) {
        if (other.contains(own)) {
            return other.contains(opposite) ? 0.3 : 1.0;
        }
        if (other.contains(opposite)) {
            return 0.05;
        }
        return other.contains(CUSTOMER) ? 0.5 : 0.4;
    }
}
