package dev.p21bridge.app.console;

/**
 * What the layout template needs around every page: the title, which navigation entry is current, and the session's
 * CSRF token for the page's forms and htmx requests. The script and style paths name the WebJars' versions that the
 * console serves itself under {@code /webjars/} (the build's versions; {@code WebAssetsTest} holds them together).
 */
public record PageFrame(String title, String current, String csrf) {

    public static final String HTMX = "/webjars/htmx.org/2.0.4/dist/htmx.min.js";
    public static final String UPLOT = "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js";
    public static final String UPLOT_CSS = "/webjars/uplot/1.6.30/dist/uPlot.min.css";

    /** The navigation bar: path and label; Trace is served by the order-trace work. */
    public static final java.util.List<java.util.List<String>> NAV = java.util.List.of(
            java.util.List.of("/flows", "Flows"), java.util.List.of("/dead-letters", "Dead letters"),
            java.util.List.of("/trace", "Trace"), java.util.List.of("/reconciliation", "Reconciliation"),
            java.util.List.of("/holds", "Holds"), java.util.List.of("/alerts", "Alerts"));

    public boolean isCurrent(String path) {
        return path.equals(current);
    }
}
