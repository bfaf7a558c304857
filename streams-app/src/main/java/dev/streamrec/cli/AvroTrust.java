package dev.streamrec.cli;

/**
 * Avro 1.12.2 deserializes generated SpecificRecord classes only from trusted packages; streamrec's records live in
 * {@code dev.streamrec.schema}. Set before any Avro class loads, unless the user configured it already.
 */
final class AvroTrust {
    static final String PROPERTY = "org.apache.avro.SERIALIZABLE_PACKAGES";

    private AvroTrust() {
    }

    static void allowStreamrecRecords() {
        final String current = System.getProperty(PROPERTY);
        if (current == null || current.isBlank()) {
            System.setProperty(PROPERTY, "dev.streamrec.schema");
        } else if (!current.contains("dev.streamrec.schema")) {
            System.setProperty(PROPERTY, current + ",dev.streamrec.schema");
        }
    }
}
