package dev.p21bridge.transformer.mapping;

import dev.p21bridge.transformer.normalize.Echo;
import dev.p21bridge.transformer.normalize.JsonFields;
import dev.p21bridge.transformer.normalize.MappingException;
import java.util.Arrays;
import java.util.Locale;

/** A status or kind a template names by its enum name ({@code "PAID"}); {@code UNKNOWN} is never one to name. */
final class MappedEnum {

    private MappedEnum() {
    }

    /** An enum by its name; {@code absent} when the template gave none. */
    static <E extends Enum<E>> E read(JsonFields json, String field, Class<E> type, E absent) {
        String name = json.optionalText(field);
        if (name == null) {
            return absent;
        }
        try {
            E value = Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
            if (!value.name().equals("UNKNOWN")) {
                return value;
            }
        } catch (IllegalArgumentException e) {
            // named below
        }
        throw new MappingException(json.path(field) + " is not a " + type.getSimpleName() + ": " + Echo.quoted(name)
                + " (known: " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                .filter(n -> !n.equals("UNKNOWN")).toList() + ")");
    }
}
