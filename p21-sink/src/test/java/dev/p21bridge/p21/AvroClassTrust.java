package dev.p21bridge.p21;

import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to instantiate any generated class it has not been told to trust ("Forbidden
 * dev.p21bridge.schemas.Order! This class is not trusted"). The Confluent deserializer trusts its own reader classes;
 * the tests' plain Avro serde has no such deserializer, so it trusts the canonical package here.
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
