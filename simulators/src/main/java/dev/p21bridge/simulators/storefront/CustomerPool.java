package dev.p21bridge.simulators.storefront;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The buyers a storefront's orders come from: B2B customers across the US, with accented names, companies or none,
 * ship-to addresses with state codes and ZIP+4, PO-box billing, phones in the formats people type. Customer
 * {@code i} is the same for the same seed, so a restarted simulator still knows who ordered before.
 */
public final class CustomerPool {

    private record Place(String city, String state, String zip, String areaCode, String taxRate, String[] streets) {
    }

    private static final String[] FIRST_NAMES = {
        "Dana", "María José", "Søren", "Zoë", "François", "Chloé", "José", "Renée", "Björn", "Łukasz", "Aoife",
        "Siobhán", "Mohammed", "Priya", "Wei", "Olumide", "Jürgen", "Inés", "Raúl", "Marcus", "Latoya", "Kevin",
        "Hannah", "Tomás", "Zoltán", "Ana", "Émile", "Gökhan", "Mary-Kate", "DeShawn", "Thảo", "Kenji",
    };
    private static final String[] LAST_NAMES = {
        "Whitfield", "Núñez Ortega", "O'Brien", "Nguyễn", "Schäfer", "Kowalski", "García", "Müller", "Johnson",
        "Okafor", "Patel", "Øvergaard", "Dubois", "Smith-Jones", "Van der Berg", "Martínez", "McAllister", "Thompson",
        "Chen", "D'Angelo", "Iñiguez", "Ferreira", "Björklund", "Yamamoto", "Ruiz", "Washington", "Kaczmarek",
    };
    private static final String[] COMPANY_SUFFIXES = {
        "Plumbing Supply", "Mechanical LLC", "Industrial Inc.", "Hardware Co.", "& Sons Construction",
        "Facilities Services", "HVAC Contractors", "Building Maintenance Corp.", "Fabrication, LLC", "Property Group",
    };
    private static final Place[] PLACES = {
        new Place("Austin", "TX", "78735", "512", "8.25", new String[] {"Industrial Oaks Blvd", "N Lamar Blvd"}),
        new Place("Chicago", "IL", "60608", "312", "10.25", new String[] {"S Canalport Ave", "W Fulton Market"}),
        new Place("Denver", "CO", "80216", "303", "8.81", new String[] {"Brighton Blvd", "E 48th Ave"}),
        new Place("Seattle", "WA", "98108", "206", "10.35", new String[] {"E Marginal Way S", "Airport Way S"}),
        new Place("Portland", "OR", "97210", "503", "0", new String[] {"NW Front Ave", "NW Yeon Ave"}),
        new Place("Phoenix", "AZ", "85043", "602", "8.6", new String[] {"W Buckeye Rd", "S 51st Ave"}),
        new Place("Atlanta", "GA", "30318", "404", "8.9", new String[] {"Marietta Blvd NW", "Huff Rd NW"}),
        new Place("Miami", "FL", "33166", "305", "7", new String[] {"NW 36th St", "NW 72nd Ave"}),
        new Place("Boston", "MA", "02118", "617", "6.25", new String[] {"Massachusetts Ave", "Newmarket Sq"}),
        new Place("Nashville", "TN", "37210", "615", "9.25", new String[] {"Lebanon Pike", "Elm Hill Pike"}),
        new Place("Columbus", "OH", "43228", "614", "7.5", new String[] {"Westbelt Dr", "Alum Creek Dr"}),
        new Place("Minneapolis", "MN", "55413", "612", "8.525", new String[] {"NE Broadway St", "Industrial Blvd NE"}),
        new Place("Salt Lake City", "UT", "84104", "801", "7.75", new String[] {"W 2100 S", "S Pioneer Rd"}),
        new Place("Wilmington", "DE", "19801", "302", "0", new String[] {"S Market St", "E 12th St"}),
        new Place("Albuquerque", "NM", "87107", "505", "7.875", new String[] {"Edith Blvd NE", "Comanche Rd NE"}),
        new Place("Charlotte", "NC", "28206", "704", "7.25", new String[] {"N Graham St", "Statesville Ave"}),
    };
    private static final String[] LINE2 = {null, null, null, "Ste 300", "Unit 4B", "Bldg C", "Dock 4", "Suite 110"};
    private static final String[] DOMAINS = {"example.com", "example.org", "example.net"};

    private final long seed;
    private final Map<Integer, Customer> cache = new ConcurrentHashMap<>();

    public CustomerPool(long seed) {
        this.seed = seed;
    }

    /** Customer number {@code index} (0-based); the same for the same seed. */
    public Customer customer(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative, got " + index);
        }
        return cache.computeIfAbsent(index, this::build);
    }

    private Customer build(int index) {
        Random random = new Random(seed * 7_919 + index * 104_729L + 1);
        String first = pick(random, FIRST_NAMES);
        String last = pick(random, LAST_NAMES);
        String company = random.nextInt(10) < 7 ? last.split(" ")[0] + " " + pick(random, COMPANY_SUFFIXES) : null;
        Place place = PLACES[random.nextInt(PLACES.length)];
        String phone = phone(random, place.areaCode());
        String fullName = first + " " + last;
        String street = (100 + random.nextInt(9_800)) + " " + pick(random, place.streets());
        String zip = random.nextInt(3) == 0 ? place.zip() + "-" + (1000 + random.nextInt(9_000)) : place.zip();
        Address shipping = new Address(fullName, company, street, pick(random, LINE2), place.city(), place.state(), zip,
                phone);
        Address billing = company != null && random.nextBoolean()
                ? new Address("Accounts Payable", company, "PO Box " + (1000 + random.nextInt(9_000)), null,
                        place.city(), place.state(), place.zip() + "-" + (1000 + random.nextInt(9_000)), phone)
                : shipping;
        return new Customer(index, 3_001L + index, String.format(Locale.ROOT, "C-%05d", 55_001 + index), first, last,
                company, email(random, first, last), phone, billing, shipping, new BigDecimal(place.taxRate()));
    }

    private static String email(Random random, String first, String last) {
        String given = ascii(first.split("[ -]")[0]);
        String family = ascii(last.split(" ")[0]).replace("'", "");
        String domain = DOMAINS[random.nextInt(DOMAINS.length)];
        return switch (random.nextInt(4)) {
            case 0 -> given + "." + family + "@" + capitalize(domain);
            case 1 -> (given.charAt(0) + family).toLowerCase(Locale.ROOT) + "@" + domain;
            case 2 -> given.substring(0, Math.min(2, given.length())).toUpperCase(Locale.ROOT) + "." + family + "@"
                    + domain;
            default -> (given + "." + family + "@" + domain).toLowerCase(Locale.ROOT);
        };
    }

    private static String phone(Random random, String areaCode) {
        String exchange = "555";
        String line = String.format(Locale.ROOT, "%04d", 100 + random.nextInt(9_800));
        return switch (random.nextInt(5)) {
            case 0 -> "(" + areaCode + ") " + exchange + "-" + line;
            case 1 -> "+1 " + areaCode + " " + exchange + " " + line;
            case 2 -> areaCode + "-" + exchange + "-" + line;
            case 3 -> areaCode + "." + exchange + "." + line;
            default -> areaCode + exchange + line;
        };
    }

    /** {@code Núñez} becomes {@code Nunez}: mailbox names are plain ASCII. */
    static String ascii(String text) {
        String stripped = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return stripped.replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L")
                .replaceAll("[^A-Za-z'-]", "");
    }

    private static String capitalize(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
