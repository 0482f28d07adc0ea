package io.tidewater.app.init;

import java.util.Locale;
import java.util.Set;

/** Spelling rules for the Java and Avro names a generated project uses. */
final class Java {
    /** Names a generated entity class must not take: they would shadow java.lang in the generated code. */
    private static final Set<String> TAKEN = Set.of("Object", "String", "Integer", "Long", "Boolean", "Byte", "Short",
            "Character", "Double", "Float", "Number", "Math", "System", "Thread", "Class", "Override", "Deprecated",
            "Exception", "Error", "Runtime", "Record", "Enum", "Void", "Iterable", "Process", "Module", "Package");
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch",
            "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally",
            "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native", "new",
            "package", "private", "protected", "public", "return", "short", "static", "strictfp", "super", "switch",
            "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false", "null",
            "var", "record", "yield");

    private Java() {
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** {@code my-token} and {@code my_token} → {@code MyToken}. */
    static String pascal(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (char c : name.toCharArray()) {
            if (!Character.isLetterOrDigit(c)) {
                upper = true;
                continue;
            }
            out.append(upper ? Character.toUpperCase(c) : c);
            upper = false;
        }
        if (out.length() == 0 || !Character.isLetter(out.charAt(0))) {
            out.insert(0, 'X');
        }
        return out.toString();
    }

    /** {@code TransferSingle} → {@code TRANSFER_SINGLE}. */
    static String constant(String pascal) {
        return pascal.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /** A Solidity identifier as an Avro field name: no {@code $}, no leading underscores. */
    static String field(String solidityName) {
        String s = solidityName.replace('$', '_').replaceFirst("^_+", "");
        return s.isEmpty() ? "arg" : s;
    }

    /** An entity class name that shadows nothing in java.lang. */
    static String entity(String eventName) {
        String name = pascal(eventName);
        return TAKEN.contains(name) ? name + "Event" : name;
    }

    /** A Java package from a project name: lowercase letters and digits only. */
    static String packageSegment(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
            s = "x" + s;
        }
        return KEYWORDS.contains(s) ? s + "_" : s;
    }
}
