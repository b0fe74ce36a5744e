package dev.p21bridge.app.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * The console's jte templates (app/src/main/jte), compiled to classes by the build: rendering loads no compiler and
 * reads no template file at run time. Everything a template prints is HTML-escaped unless it says {@code $unsafe}.
 */
final class Templates {

    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(null, ContentType.Html,
            Templates.class.getClassLoader(), "dev.p21bridge.app.console.templates");

    private Templates() {
    }

    static String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        ENGINE.render(template, params, out);
        return out.toString();
    }
}
