package dev.p21bridge.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The token of the console's admin API and of changes to an opened-up registry: {@code BRIDGE_ADMIN_TOKEN} when set,
 * else a random one made when the data directory is made and kept in {@code <data-dir>/admin-token}, readable by its
 * owner only. A well-known default would let anyone who read the source replay dead letters.
 *
 * @param created true when this start made it, the one time {@code up} shows it
 */
record AdminToken(String value, Source source, Path file, boolean created) {

    static final String VARIABLE = "BRIDGE_ADMIN_TOKEN";
    static final String FILE = "admin-token";

    enum Source { ENVIRONMENT, DATA_DIRECTORY }

    static AdminToken of(Path dataDir, Map<String, String> environment) {
        Path file = dataDir.resolve(FILE);
        String given = environment.get(VARIABLE);
        if (given != null && !given.isBlank()) {
            return new AdminToken(given.trim(), Source.ENVIRONMENT, file, false);
        }
        try {
            if (Files.exists(file)) {
                return new AdminToken(Files.readString(file, StandardCharsets.UTF_8).trim(), Source.DATA_DIRECTORY,
                        file, false);
            }
            String token = random();
            Files.createDirectories(dataDir);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, token, StandardCharsets.UTF_8);
            return new AdminToken(token, Source.DATA_DIRECTORY, file, true);
        } catch (FileAlreadyExistsException raced) {
            return of(dataDir, environment);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the admin token in " + file, e);
        }
    }

    /** What {@code up} prints: the token itself only the once it was made, never one from the environment. */
    String describe() {
        if (source == Source.ENVIRONMENT) {
            return "from $" + VARIABLE;
        }
        return created ? value + " (made for this data directory, kept in " + file + "; shown once)" : "in " + file;
    }

    private static String random() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "AdminToken[" + source + "]";
    }
}
