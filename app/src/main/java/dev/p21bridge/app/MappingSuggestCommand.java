package dev.p21bridge.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.transformer.mapping.suggest.FieldSuggestion;
import dev.p21bridge.transformer.mapping.suggest.MappingSuggester;
import dev.p21bridge.transformer.mapping.suggest.MappingSuggestion;
import dev.p21bridge.transformer.mapping.suggest.UnsuitablePayloadException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./bridge mapping suggest --source NAME FILE}: a draft JSONata mapping for a storefront the bridge has never
 * seen, from one sample order (docs/mapping-suggest.md). Reads the file only; talks to nothing. The draft is a guess
 * from one sample, for an operator to review: every field comes with its confidence and the evidence for it.
 */
@Command(name = "suggest", mixinStandardHelpOptions = true,
        description = {"Draft a JSONata mapping from one sample order of a new storefront.",
                "Prints the template, then each field with its confidence and evidence. Review before use."})
final class MappingSuggestCommand implements Callable<Integer> {

    /** A storefront name as the bridge keys its orders by: lower case, digits, single hyphens between. */
    private static final Pattern SOURCE = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    private static final int MAX_SOURCE = 40;
    /** Larger than any one order; a bigger file is not a sample of one. */
    private static final long MAX_BYTES = 10L * 1024 * 1024;

    @Spec
    CommandSpec spec;

    @Option(names = "--source", required = true, paramLabel = "NAME",
            description = "the new storefront's name: lower-case letters, digits and hyphens, such as acme-shop")
    String source;

    @Parameters(index = "0", paramLabel = "FILE", description = "a sample order payload (JSON) from that storefront")
    Path file;

    @Option(names = "--json", description = "the suggestion as one JSON object, for scripts")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        validateSource();
        MappingSuggestion suggestion;
        try {
            suggestion = new MappingSuggester().suggest(source, MappingSuggester.parse(read()));
        } catch (UnsuitablePayloadException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(spec.qualifiedName() + ": " + file + ": " + e.getMessage());
            err.flush();
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(suggestion));
        } else {
            out.print(suggestion.template());
            out.println();
            SuggestionTable.print(suggestion, out);
        }
        out.flush();
        return 0;
    }

    private void validateSource() {
        if (source.length() > MAX_SOURCE || !SOURCE.matcher(source).matches()) {
            String shown = source.length() > MAX_SOURCE ? source.substring(0, MAX_SOURCE) + "..." : source;
            throw new ParameterException(spec.commandLine(), "--source must be lower-case letters, digits and single"
                    + " hyphens, such as acme-shop, at most " + MAX_SOURCE + " characters; not '" + shown + "'");
        }
    }

    /** The file's text; its problems as the payload's, so they are told in one line naming the file. */
    private String read() {
        try {
            if (Files.isDirectory(file)) {
                throw new UnsuitablePayloadException("is a directory, not a file");
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new UnsuitablePayloadException("is " + size + " bytes, more than the " + MAX_BYTES
                        + " a sample of one order may have");
            }
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new UnsuitablePayloadException("no such file");
        } catch (AccessDeniedException e) {
            throw new UnsuitablePayloadException("cannot be read: permission denied");
        } catch (CharacterCodingException e) {
            throw new UnsuitablePayloadException("not UTF-8 text, so not JSON");
        } catch (IOException e) {
            throw new UnsuitablePayloadException("cannot be read: " + e.getMessage());
        }
    }

    /** The fields as a table: target, source path, confidence, evidence; then how many have a suggestion. */
    static final class SuggestionTable {

        private static final int TARGET_WIDTH = 28;
        private static final int SOURCE_WIDTH = 44;

        private SuggestionTable() {
        }

        static void print(MappingSuggestion suggestion, PrintWriter out) {
            out.printf("%-" + TARGET_WIDTH + "s %-" + SOURCE_WIDTH + "s %5s  %s%n", "target", "source", "conf",
                    "evidence");
            for (FieldSuggestion field : suggestion.fields()) {
                String path = field.found() ? field.sourcePath() : "-";
                out.printf(Locale.ROOT, "%-" + TARGET_WIDTH + "s %-" + SOURCE_WIDTH + "s %5.2f  %s%n", field.target(),
                        path, field.confidence(), String.join("; ", field.evidence()));
            }
            long found = suggestion.fields().stream().filter(FieldSuggestion::found).count();
            out.printf("%d of %d fields have a suggestion; review every one before applying the template.%n", found,
                    suggestion.fields().size());
        }
    }
}
