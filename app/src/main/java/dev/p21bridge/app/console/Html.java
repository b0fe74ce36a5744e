package dev.p21bridge.app.console;

/** The console's pages: one look (the dashboard's), one navigation bar, and escaping of everything shown. */
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

    static String head(String title) {
        return "<!doctype html><html><head><meta charset=utf-8><title>" + escape(title) + "</title>"
                + "<style>body{font:15px system-ui;margin:2em}td{padding:.3em 1em}th{padding:.3em 1em;text-align:left}"
                + "td.n{text-align:right}nav a{margin-right:1em}</style></head><body>"
                + "<nav><a href=\"/\">Dashboard</a><a href=\"/reconciliation\">Reconciliation</a></nav>";
    }

    static String page(String title, String body) {
        return head(title) + "<h1>" + escape(title) + "</h1>" + body + "</body></html>";
    }
}
