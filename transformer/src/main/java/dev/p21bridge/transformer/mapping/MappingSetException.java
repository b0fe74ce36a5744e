package dev.p21bridge.transformer.mapping;

/**
 * A mapping set that cannot be used, and where: the file, and the line and column in it (0 when the problem is the
 * file as a whole). {@code ./bridge mapping apply} prints it and publishes nothing.
 */
public final class MappingSetException extends RuntimeException {

    private final String file;
    private final int line;
    private final int column;

    public MappingSetException(String file, int line, int column, String problem) {
        super(file + (line > 0 ? ":" + line + ":" + column : "") + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
