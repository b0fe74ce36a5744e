package dev.p21bridge.app.console;

/** Escaping for the pages built as text (the reconciliation's); the templates escape by themselves. */
final class Html {

    private Html() {
    }

    /** Text for an element or a quoted attribute: nothing in it can open a tag, an entity or leave the quotes. */
    static String escape(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
