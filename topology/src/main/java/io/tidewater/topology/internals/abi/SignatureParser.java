package io.tidewater.topology.internals.abi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a human-readable Solidity event signature, as Envio's config and Solidity's own
 * declarations write it ({@code Transfer(address indexed from, address indexed to, uint256 value)},
 * optionally prefixed by {@code event}; tuples as {@code (uint256 a, address b)} or
 * {@code tuple(...)}), into the JSON ABI item that the decoder builds events from.
 *
 * <p>A hand-written recursive descent: the grammar is tiny, and its errors must name the column.
 */
public final class SignatureParser {
    private final String text;
    private int pos;

    private SignatureParser(String text) {
        this.text = text;
    }

    /** @throws IllegalArgumentException naming the signature and what is wrong at which column */
    public static ObjectNode toAbiItem(String signature) {
        if (signature == null || signature.isBlank()) {
            throw new IllegalArgumentException("an event signature is required, e.g. Transfer(address indexed from, address indexed to, uint256 value)");
        }
        SignatureParser p = new SignatureParser(signature.trim());
        try {
            return p.event();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("invalid event signature '" + signature.trim() + "': " + e.getMessage(), e);
        }
    }

    private ObjectNode event() {
        skipSpace();
        String name = identifier("an event name");
        if (name.equals("event")) {
            skipSpace();
            name = identifier("an event name");
        }
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        item.put("type", "event").put("name", name);
        item.set("inputs", params(true));
        skipSpace();
        boolean anonymous = false;
        if (pos < text.length() && Character.isLetter(text.charAt(pos))) {
            String word = identifier("'anonymous' or the end");
            if (!word.equals("anonymous")) {
                throw fail("unexpected '" + word + "' after the parameters");
            }
            anonymous = true;
            skipSpace();
        }
        if (pos != text.length()) {
            throw fail("unexpected '" + text.substring(pos) + "' after the parameters");
        }
        item.put("anonymous", anonymous);
        return item;
    }

    /** A parenthesized parameter list; only an event's own parameters may be indexed. */
    private ArrayNode params(boolean mayBeIndexed) {
        expect('(');
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        skipSpace();
        if (peek(')')) {
            pos++;
            return out;
        }
        while (true) {
            out.add(param(mayBeIndexed));
            skipSpace();
            if (peek(',')) {
                pos++;
                continue;
            }
            expect(')');
            return out;
        }
    }

    private ObjectNode param(boolean mayBeIndexed) {
        skipSpace();
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        String type;
        if (peek('(') || text.startsWith("tuple(", pos)) {
            if (!peek('(')) {
                pos += "tuple".length();
            }
            p.set("components", params(false));
            type = "tuple";
        } else {
            type = normalize(identifier("a type"));
        }
        type += arraySuffixes();
        p.put("type", type);
        skipSpace();
        String name = "";
        boolean indexed = false;
        if (pos < text.length() && isIdentifierChar(text.charAt(pos))) {
            String word = identifier("a name");
            if (word.equals("indexed")) {
                if (!mayBeIndexed) {
                    throw fail("a tuple component cannot be indexed");
                }
                indexed = true;
                skipSpace();
                if (pos < text.length() && isIdentifierChar(text.charAt(pos))) {
                    name = identifier("a name");
                }
            } else {
                name = word;
            }
        }
        p.put("name", name);
        if (mayBeIndexed) {
            p.put("indexed", indexed);
        }
        return p;
    }

    private String arraySuffixes() {
        StringBuilder out = new StringBuilder();
        skipSpace();
        while (peek('[')) {
            int start = pos++;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            expect(']');
            out.append(text, start, pos);
            skipSpace();
        }
        return out.toString();
    }

    /** Solidity's aliases, which the canonical signature (and so topic 0) spells out. */
    private static String normalize(String type) {
        return switch (type) {
            case "uint" -> "uint256";
            case "int" -> "int256";
            case "byte" -> "bytes1";
            default -> type;
        };
    }

    private String identifier(String what) {
        int start = pos;
        while (pos < text.length() && isIdentifierChar(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw fail("expected " + what);
        }
        return text.substring(start, pos);
    }

    private static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) {
        skipSpace();
        if (!peek(c)) {
            throw fail("expected '" + c + "'");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalStateException fail(String problem) {
        String where = pos < text.length() ? "at column " + (pos + 1) : "at the end";
        return new IllegalStateException(problem + " " + where);
    }
}
