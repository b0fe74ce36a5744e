package dev.p21bridge.simulators.storefront;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The new buyers behind risky orders ({@link RiskPattern}): real-looking people drawn from a pool of their own, so
 * none is a customer the store has seen. Buyer {@code key} (the order number its order or run starts at) is the same
 * for the same seed; its index lies above every {@link CustomerPool} index a checkout draws and below sign-ups.
 */
public final class RiskyBuyers {

    /** Throw-away mailbox domains card testers use; a test can load them into the operator's list. */
    public static final List<String> DISPOSABLE_DOMAINS =
            List.of("mailinator.com", "guerrillamail.com", "10minutemail.com", "sharklasers.com", "yopmail.com");
    /** The first index a risky buyer gets. */
    static final int FIRST_INDEX = 1_000_000;

    private record Place(String country, String city, String region, String postalCode, String street, String phone) {
    }

    private static final Place[] BILLED_ABROAD = {
        new Place("GB", "London", "LND", "SW7 4XE", "Cromwell Rd", "+44 20 7946 0"),
        new Place("DE", "Berlin", "BE", "10117", "Friedrichstraße", "+49 30 901820"),
        new Place("NG", "Lagos", "LA", "101241", "Adeola Odeku St", "+234 803 555 0"),
        new Place("BR", "São Paulo", "SP", "01310-200", "Av. Paulista", "+55 11 5555 0"),
        new Place("FR", "Paris", "IDF", "75011", "Rue Oberkampf", "+33 1 55 55 0"),
    };
    private static final Place[] SHIPPED_ABROAD = {
        new Place("GB", "Manchester", "MAN", "M1 2AP", "Piccadilly", "+44 161 496 0"),
        new Place("MX", "Ciudad de México", "CMX", "06600", "Paseo de la Reforma", "+52 55 5555 0"),
        new Place("AE", "Dubai", "DU", "00000", "Sheikh Zayed Rd", "+971 4 555 0"),
        new Place("NG", "Abuja", "FC", "900211", "Aminu Kano Cres", "+234 809 555 0"),
    };
    private static final String[] FREE_MAIL = {"gmail.com", "outlook.com", "yahoo.com", "hotmail.com"};
    private static final String LOCAL_PART = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final CustomerPool people;

    RiskyBuyers(long seed) {
        this.people = new CustomerPool(seed ^ 0x6A09E667F3BCC909L);
    }

    /** A card tester: a US name, an e-mail whose local part is random, mostly at a throw-away domain. */
    Customer cardTester(long key, Random random) {
        Customer person = person(key);
        StringBuilder local = new StringBuilder();
        for (int i = 0, length = 8 + random.nextInt(4); i < length; i++) {
            local.append(LOCAL_PART.charAt(random.nextInt(LOCAL_PART.length())));
        }
        String domain = random.nextInt(3) < 2 ? DISPOSABLE_DOMAINS.get(random.nextInt(DISPOSABLE_DOMAINS.size()))
                : FREE_MAIL[random.nextInt(FREE_MAIL.length)];
        Address home = home(person);
        return buyer(person, local + "@" + domain, home, home, person.taxRate());
    }

    /** A buyer billed abroad who ships to {@code forwarder}; the sales tax is the forwarder's state's. */
    Customer reshipper(long key, FreightForwarder forwarder, Random random) {
        Customer person = person(key);
        Address billing = abroad(person, BILLED_ABROAD[random.nextInt(BILLED_ABROAD.length)], random);
        BigDecimal tax = "FL".equals(forwarder.region()) ? new BigDecimal("7") : BigDecimal.ZERO;
        return buyer(person, plainEmail(person, random), billing, forwarder.shipTo(person.fullName(), billing.phone()),
                tax);
    }

    /** A buyer billed at a US address who ships abroad: an export, so no sales tax. */
    Customer abroadShopper(long key, Random random) {
        Customer person = person(key);
        Address home = home(person);
        return buyer(person, plainEmail(person, random), home,
                abroad(person, SHIPPED_ABROAD[random.nextInt(SHIPPED_ABROAD.length)], random), BigDecimal.ZERO);
    }

    private Customer person(long key) {
        return people.customer(FIRST_INDEX + (int) Math.floorMod(key, 1_000_000L));
    }

    private static Customer buyer(Customer person, String email, Address billing, Address shipping, BigDecimal tax) {
        return new Customer(person.index(), 3_001L + person.index(),
                String.format(Locale.ROOT, "C-%05d", 55_001 + person.index()), person.firstName(), person.lastName(),
                null, email, billing.phone(), billing, shipping, tax);
    }

    /** The person's street address in the US, as an individual (no company). */
    private static Address home(Customer person) {
        Address a = person.shipping();
        return new Address(person.fullName(), null, a.line1(), a.line2(), a.city(), a.state(), a.zip(), a.phone());
    }

    private static Address abroad(Customer person, Place place, Random random) {
        String phone = place.phone() + (100 + random.nextInt(900));
        return new Address(person.fullName(), null, (1 + random.nextInt(240)) + " " + place.street(), null,
                place.city(), place.region(), place.postalCode(), phone, place.country());
    }

    /** {@code maria.nunez@gmail.com} or {@code marianunez84@outlook.com}: an address a person would choose. */
    private static String plainEmail(Customer person, Random random) {
        String given = CustomerPool.ascii(person.firstName().split("[ -]")[0]).toLowerCase(Locale.ROOT);
        String family = CustomerPool.ascii(person.lastName().split(" ")[0]).replace("'", "").toLowerCase(Locale.ROOT);
        String domain = FREE_MAIL[random.nextInt(FREE_MAIL.length)];
        return random.nextBoolean() ? given + "." + family + "@" + domain
                : given + family + (60 + random.nextInt(40)) + "@" + domain;
    }
}
