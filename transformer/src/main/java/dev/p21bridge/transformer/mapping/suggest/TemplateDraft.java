package dev.p21bridge.transformer.mapping.suggest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the JSONata template: one object constructor in the shape of the mapped order, the lines as
 * {@code items[].{ ... }} (the {@code []} keeps a one-line order's lines an array), each value wrapped in the
 * bridge's function for its kind ({@code $money}, {@code $instant}, {@code $email}, {@code $country}, ...) and preceded
 * by a comment with its confidence and evidence. A required target nothing was found for is written as {@code null},
 * so the template runs and the bridge's validation names what is missing; an optional one is only named in a comment.
 */
final class TemplateDraft {

    private static final String INDENT = "  ";

    private TemplateDraft() {
    }

    static String write(String source, List<Choice> choices, String linesPath) {
        Map<String, List<Choice>> blocks = new LinkedHashMap<>();
        for (Choice choice : choices) {
            String name = choice.target().name();
            String block = choice.target().isLineField() || name.equals("lines") ? "lines"
                    : name.contains(".") ? name.substring(0, name.indexOf('.')) : "";
            blocks.computeIfAbsent(block.isEmpty() ? name : block, key -> new ArrayList<>()).add(choice);
        }
        StringBuilder text = new StringBuilder();
        text.append("/* Draft mapping for source '").append(safe(source)).append("', inferred from one sample order by\n")
                .append("   ./bridge mapping suggest. Review every field before applying it: each confidence is a guess\n")
                .append("   from names, value shapes and sums, not a fact about the storefront. */\n");
        List<String> entries = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, List<Choice>> block : blocks.entrySet()) {
            List<Choice> members = block.getValue();
            if (block.getKey().equals("lines")) {
                entries.add(lines(members, linesPath));
            } else if (members.size() == 1 && !members.get(0).target().name().contains(".")) {
                entry(members.get(0), INDENT, false).ifPresentOrElse(entries::add,
                        () -> missing.add(members.get(0).target().name()));
            } else {
                String body = object(members, INDENT + INDENT, false);
                if (body == null) {
                    missing.add(block.getKey() + " (every field)");
                } else {
                    entries.add(INDENT + "\"" + block.getKey() + "\": {\n" + body + INDENT + "}");
                }
            }
        }
        text.append("{\n").append(String.join(",\n", entries));
        if (!missing.isEmpty()) {
            text.append("\n").append(INDENT).append("/* no candidate: ").append(String.join(", ", missing)).append(" */");
        }
        return text.append("\n}\n").toString();
    }

    private static String lines(List<Choice> members, String linesPath) {
        Choice array = members.get(0);
        String body = object(members.subList(1, members.size()), INDENT + INDENT, true);
        return INDENT + comment(array) + "\n" + INDENT + "\"lines\": " + arrayPath(linesPath) + ".{\n"
                + (body == null ? "" : body) + INDENT + "}";
    }

    /** The members' entries and a comment naming those without a candidate; null when none has an entry. */
    private static String object(List<Choice> members, String indent, boolean relative) {
        List<String> entries = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Choice choice : members) {
            entry(choice, indent, relative).ifPresentOrElse(entries::add, () -> missing.add(choice.target().leaf()));
        }
        if (entries.isEmpty()) {
            return null;
        }
        String text = String.join(",\n", entries) + "\n";
        return missing.isEmpty() ? text : text + indent + "/* no candidate: " + String.join(", ", missing) + " */\n";
    }

    private static Optional<String> entry(Choice choice, String indent, boolean relative) {
        String key = "\"" + choice.target().leaf() + "\": ";
        if (!choice.found()) {
            return choice.target().required()
                    ? Optional.of(indent + "/* confidence 0: no candidate; required, fill in before use */\n"
                    + indent + key + "null")
                    : Optional.empty();
        }
        return Optional.of(indent + comment(choice) + "\n" + indent + key + expression(choice));
    }

    private static String comment(Choice choice) {
        return String.format(Locale.ROOT, "/* confidence %.2f: %s */", choice.confidence(),
                safe(String.join(", ", choice.evidence())));
    }

    /** The value: the path, reshaped, converted by the function the target's kind takes. */
    static String expression(Choice choice) {
        Candidate candidate = choice.candidate();
        SourceField field = candidate.field();
        Target target = choice.target();
        JsonNode sample = field.values().stream().filter(value -> !value.isMissingNode() && !value.isNull())
                .findFirst().orElse(field.values().get(0));
        String value = switch (candidate.reshape()) {
            case AS_IS -> field.path();
            case FIRST_LINE -> "$line(" + field.path() + ", 1)";
            case SECOND_LINE -> "$line(" + field.path() + ", 2)";
            case FIRST_NAME -> "$firstName(" + field.path() + ")";
            case LAST_NAME -> "$lastName(" + field.path() + ")";
        };
        return switch (target.shape()) {
            case MONEY -> money(target, field, value, sample);
            case DATE_TIME -> "$instant(" + (ValueShapes.hasSpaceForT(sample) ? "$replace(" + value + ", ' ', 'T')"
                    : value) + (ValueShapes.lacksOffset(sample) ? ", \"UTC\"" : "") + ")";
            case EMAIL -> "$email(" + value + ")";
            case COUNTRY -> "$country(" + value + ")";
            case QUANTITY -> sample.isTextual() ? "$number(" + value + ")" : value;
            case CURRENCY -> sample.isTextual() && !sample.asText().equals(sample.asText().toUpperCase(Locale.ROOT))
                    ? "$uppercase(" + value + ")" : value;
            default -> sample.isNumber() ? "$string(" + value + ")" : value;
        };
    }

    private static String money(Target target, SourceField field, String value, JsonNode sample) {
        String amount = field.summed() ? "$moneySum(" + value + ")" : "$money(" + value + ")";
        boolean negative = ValueShapes.decimal(sample).map(number -> number.signum() < 0).orElse(false);
        if (target.name().equals(TotalsArithmetic.DISCOUNT) && negative) {
            return field.summed() ? "$moneyAbs(" + amount + ")" : "$moneyAbs(" + value + ")";
        }
        return amount;
    }

    /** The lines path with {@code []} on its last step, so that one line still maps to an array of one. */
    private static String arrayPath(String path) {
        return path + "[]";
    }

    /** Text that cannot end the comment it is written into. */
    private static String safe(String text) {
        return text.replace("*/", "* /");
    }
}
