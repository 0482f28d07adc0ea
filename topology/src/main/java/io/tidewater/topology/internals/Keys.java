package io.tidewater.topology.internals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * Compact byte keys for the stores. Variable parts are length-prefixed, so no user string
 * can forge a boundary; fixed parts are big-endian, so RocksDB's byte order is numeric order
 * and a chain's undo entries or hashes form one contiguous, ordered range.
 */
final class Keys {
    private Keys() {
    }

    /** {@code [len][entity name][id]}. */
    static Bytes entity(String entityName, String id) {
        byte[] name = utf8(entityName);
        byte[] idBytes = utf8(id);
        ByteBuffer b = ByteBuffer.allocate(2 + name.length + idBytes.length);
        b.putShort((short) name.length).put(name).put(idBytes);
        return Bytes.wrap(b.array());
    }

    static String entityName(Bytes entityKey) {
        ByteBuffer b = ByteBuffer.wrap(entityKey.get());
        int len = b.getShort();
        return new String(entityKey.get(), 2, len, StandardCharsets.UTF_8);
    }

    static String entityId(Bytes entityKey) {
        byte[] k = entityKey.get();
        int len = ByteBuffer.wrap(k).getShort();
        return new String(k, 2 + len, k.length - 2 - len, StandardCharsets.UTF_8);
    }

    /** Prefix of every index entry for one (entity, field, value): {@code [len][name][len][field][len][value]}. */
    static Bytes indexPrefix(String entityName, String field, String value) {
        byte[] n = utf8(entityName);
        byte[] f = utf8(field);
        byte[] v = utf8(value);
        ByteBuffer b = ByteBuffer.allocate(2 + n.length + 2 + f.length + 4 + v.length);
        b.putShort((short) n.length).put(n).putShort((short) f.length).put(f).putInt(v.length).put(v);
        return Bytes.wrap(b.array());
    }

    static Bytes indexEntry(Bytes prefix, String id) {
        byte[] p = prefix.get();
        byte[] idBytes = utf8(id);
        byte[] out = new byte[p.length + idBytes.length];
        System.arraycopy(p, 0, out, 0, p.length);
        System.arraycopy(idBytes, 0, out, p.length, idBytes.length);
        return Bytes.wrap(out);
    }

    static String indexedId(Bytes prefix, Bytes entry) {
        byte[] e = entry.get();
        int start = prefix.get().length;
        return new String(e, start, e.length - start, StandardCharsets.UTF_8);
    }

    static Bytes chain(long chainId) {
        return Bytes.wrap(ByteBuffer.allocate(8).putLong(chainId).array());
    }

    static long chainOf(Bytes key) {
        return ByteBuffer.wrap(key.get()).getLong();
    }

    /** {@code [chain][n]}: undo entries by sequence, block hashes by number. */
    static Bytes chainAnd(long chainId, long n) {
        return Bytes.wrap(ByteBuffer.allocate(16).putLong(chainId).putLong(n).array());
    }

    static long secondOf(Bytes key) {
        return ByteBuffer.wrap(key.get()).getLong(8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
