package dev.p21bridge.p21;

import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Avro 1.12 refuses to instantiate any generated class it has not been told to trust ("Forbidden
 * dev.p21bridge.schemas.Order! This class is not trusted"), so without this no canonical record can be read.
 * Adds the canonical schema package to the process-wide trust, keeping whatever was trusted before.
 * Belongs in the schemas module's serde; here until it moves there.
 */
final class AvroClassTrust {

    private static final String CANONICAL_PACKAGE = "dev.p21bridge.schemas.";
    private static boolean done;

    private AvroClassTrust() {
    }

    static synchronized void trustCanonicalSchemas() {
        if (done) {
            return;
        }
        ClassSecurityPredicate before = ClassSecurityValidator.getGlobal();
        ClassSecurityPredicate canonical = type -> type.getName().startsWith(CANONICAL_PACKAGE);
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(before, canonical));
        done = true;
    }
}
