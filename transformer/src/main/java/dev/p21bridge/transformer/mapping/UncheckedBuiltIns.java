package dev.p21bridge.transformer.mapping;

import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Jsonata.JFunction;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The JSONata built-ins a template calls most ({@code $exists}, {@code $lowercase}, {@code $uppercase},
 * {@code $string}, {@code $not}), bound over the originals in a template's own environment. JSONata-java checks a
 * built-in's arguments against its signature on every call, with a regular expression compiled per call: that check
 * cost more than some whole functions (docs/benchmarks.md, mappings). Each function here answers the calls whose
 * argument it can see is valid (one argument of the type the signature asks, or nothing) exactly as the original
 * does, and hands any other call to the original, check and errors included, so a template gets the same result or
 * the same error either way ({@code UncheckedBuiltInsTest}).
 */
final class UncheckedBuiltIns {

    private UncheckedBuiltIns() {
    }

    /** Binds every function by its built-in's name (without {@code $}). */
    static void bind(BiConsumer<String, Object> functions) {
        functions.accept("exists", shortcut("exists", args -> args.size() == 1 ? args.get(0) != null : UNSURE));
        functions.accept("lowercase", shortcut("lowercase", args -> oneText(args, String::toLowerCase)));
        functions.accept("uppercase", shortcut("uppercase", args -> oneText(args, String::toUpperCase)));
        functions.accept("string", shortcut("string", args -> oneText(args, Function.identity())));
        functions.accept("not", shortcut("not", args -> args.size() == 1 && args.get(0) instanceof Boolean value
                ? !value : UNSURE));
    }

    /** What a shortcut answers for a call it leaves to the original. */
    private static final Object UNSURE = new Object();

    /**
     * {@code $lowercase(text)} and its like: nothing for nothing, the text changed for a text, the original for
     * anything else (a number is an error there, and the context stands in for a missing argument).
     */
    private static Object oneText(List<?> args, Function<String, String> change) {
        if (args.size() != 1) {
            return UNSURE;
        }
        Object value = args.get(0);
        if (value == null) {
            return null;
        }
        return value instanceof String text ? change.apply(text) : UNSURE;
    }

    private static JFunction shortcut(String name, Function<List<?>, Object> fast) {
        JFunction original = original(name);
        return new JFunction((input, args) -> {
            List<?> given = args == null ? List.of() : args;
            Object result = fast.apply(given);
            if (result != UNSURE) {
                return result;
            }
            @SuppressWarnings("rawtypes")
            List checked = (List) original.validate(args, input);
            return original.call(input, checked);
        }, null);
    }

    /** The built-in itself, as a template that names it gets it. */
    private static JFunction original(String name) {
        Object function = Jsonata.jsonata("$" + name).evaluate(null);
        if (!(function instanceof JFunction builtIn)) {
            throw new IllegalStateException("JSONata has no built-in $" + name);
        }
        return builtIn;
    }
}
