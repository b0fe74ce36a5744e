package dev.p21bridge.transformer.mapping;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import dev.p21bridge.transformer.normalize.MappingException;
import dev.p21bridge.transformer.normalize.ValidationException;

/**
 * One compiled template or rule and the file it came from. Errors name the file, line and column, for the dead
 * letter a record becomes and for {@code apply}'s refusal.
 */
final class Template {

    /** A template that runs longer than this, or recurses deeper, fails the record instead of stalling the stream. */
    private static final long TIMEOUT_MS = 2_000;
    private static final int MAX_DEPTH = 200;

    private final String file;
    private final String text;
    private final Jsonata expression;

    private Template(String file, String text, Jsonata expression) {
        this.file = file;
        this.text = text;
        this.expression = expression;
    }

    /** @throws MappingSetException naming the file, line and column of a syntax error */
    static Template compile(String file, String text, LookupTables tables) {
        Jsonata expression;
        try {
            expression = Jsonata.jsonata(text);
        } catch (JException e) {
            throw new MappingSetException(file, line(text, e.getLocation()), column(text, e.getLocation()),
                    e.getMessage());
        }
        if (expression.getErrors() != null && !expression.getErrors().isEmpty()) {
            Exception first = expression.getErrors().get(0);
            int at = first instanceof JException j ? j.getLocation() : 0;
            throw new MappingSetException(file, line(text, at), column(text, at), first.getMessage());
        }
        // into the expression's own environment, once: each evaluation's frame sees them through its parent
        TemplateFunctions.bind(expression::assign, tables);
        UncheckedBuiltIns.bind(expression::assign);
        // the input is always made of JSON's types (JsonViews): JSONata's walk over every value would repeat that
        expression.setValidateInput(false);
        expression.setOutputConvertNulls(false);
        return new Template(file, text, expression);
    }

    String file() {
        return file;
    }

    /**
     * The template's result for {@code input} (maps, lists, exact numbers: {@link JsonViews}).
     *
     * @throws MappingException naming the file, line and column of what failed
     */
    Object evaluate(Object input) {
        // a fresh frame per record: the bounds' clock starts now, and the input is bound there, not in the shared one
        Jsonata.Frame frame = expression.createFrame();
        EvaluationBounds.set(frame, TIMEOUT_MS, MAX_DEPTH);
        try {
            return expression.evaluate(input, frame);
        } catch (JException e) {
            throw new MappingException(file + ":" + line(text, e.getLocation()) + ":" + column(text, e.getLocation())
                    + ": " + e.getMessage());
        } catch (MappingException e) {
            throw new MappingException(file + ": " + e.getMessage());
        } catch (ValidationException e) {
            throw new ValidationException(file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() instanceof MappingException || e.getCause() instanceof ValidationException
                    ? e.getCause() : e;
            throw new MappingException(file + ": " + cause.getMessage());
        }
    }

    private static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(Math.max(offset, 0), text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int column(String text, int offset) {
        int at = Math.min(Math.max(offset, 0), text.length());
        int lineStart = text.lastIndexOf('\n', at - 1) + 1;
        return at - lineStart + 1;
    }
}
