package io.tidewater.topology.internals.abi;

import com.esaulpaugh.headlong.abi.ABIType;
import com.esaulpaugh.headlong.abi.Address;
import com.esaulpaugh.headlong.abi.ArrayType;
import com.esaulpaugh.headlong.abi.Tuple;
import com.esaulpaugh.headlong.abi.TupleType;
import io.tidewater.serdes.Hex;
import io.tidewater.serdes.Params;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Turns plain Java values into what the ABI encoder takes, for building raw logs from values
 * (tests, simulators): integers as any {@link Number} or decimal string, addresses and bytes as
 * hex strings (bytes also as {@code byte[]}), arrays as lists or arrays, tuples as lists, maps
 * by component name, or {@link Params}.
 */
public final class AbiArguments {
    private AbiArguments() {
    }

    public static Tuple tuple(TupleType<?> type, List<?> values) {
        if (values.size() != type.size()) {
            throw new IllegalArgumentException("expected " + type.size() + " values for " + type.getCanonicalType()
                    + ", got " + values.size());
        }
        Object[] out = new Object[type.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = of(type.get(i), values.get(i), AbiValues.elementName(type, i));
        }
        return Tuple.from(out);
    }

    static Object of(ABIType<?> type, Object v, String name) {
        try {
            return switch (type.typeCode()) {
                case ABIType.TYPE_CODE_BOOLEAN -> (Boolean) v;
                case ABIType.TYPE_CODE_BYTE -> integer(v).byteValueExact();
                case ABIType.TYPE_CODE_INT -> integer(v).intValueExact();
                case ABIType.TYPE_CODE_LONG -> integer(v).longValueExact();
                case ABIType.TYPE_CODE_BIG_INTEGER -> integer(v);
                case ABIType.TYPE_CODE_BIG_DECIMAL -> v instanceof BigDecimal d ? d : new BigDecimal(v.toString());
                case ABIType.TYPE_CODE_ADDRESS -> Address.wrap(Address.toChecksumAddress(v.toString()));
                case ABIType.TYPE_CODE_ARRAY -> array(type.asArrayType(), v, name);
                case ABIType.TYPE_CODE_TUPLE -> tupleOf(type.asTupleType(), v);
                default -> throw new IllegalArgumentException("unsupported ABI type");
            };
        } catch (ClassCastException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(name + ": " + v + " is not a " + type.getCanonicalType() + " (" + e.getMessage() + ")", e);
        }
    }

    /** The topic of an indexed value: its encoding for a value type, the hash of its bytes for a string or bytes. */
    public static byte[] topic(ABIType<?> type, Object headlongValue) {
        if (AbiValues.isValueType(type)) {
            @SuppressWarnings("unchecked")
            ABIType<Object> t = (ABIType<Object>) type;
            return t.encode(headlongValue).array();
        }
        if (headlongValue instanceof String s) {
            return Keccak.of(s.getBytes(StandardCharsets.UTF_8));
        }
        if (headlongValue instanceof byte[] b) {
            return Keccak.of(b);
        }
        throw new IllegalArgumentException("encoding an indexed " + type.getCanonicalType() + " is not supported; only static types, string and bytes");
    }

    private static BigInteger integer(Object v) {
        if (v instanceof BigInteger b) {
            return b;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return BigInteger.valueOf(((Number) v).longValue());
        }
        return new BigInteger(v.toString());
    }

    private static Object array(ArrayType<?, ?, ?> type, Object v, String name) {
        if (type.isString()) {
            return (String) v;
        }
        if (type.getElementType().typeCode() == ABIType.TYPE_CODE_BYTE) {
            return v instanceof byte[] b ? b : Hex.decode(v.toString());
        }
        List<?> items = v instanceof List<?> l ? l : List.of((Object[]) v);
        Object out = Array.newInstance(type.clazz().getComponentType(), items.size());
        for (int i = 0; i < items.size(); i++) {
            Array.set(out, i, of(type.getElementType(), items.get(i), name + "[" + i + "]"));
        }
        return out;
    }

    private static Tuple tupleOf(TupleType<?> type, Object v) {
        if (v instanceof Params p) {
            v = p.asMap();
        }
        if (v instanceof Map<?, ?> m) {
            Object[] ordered = new Object[type.size()];
            for (int i = 0; i < ordered.length; i++) {
                ordered[i] = m.get(AbiValues.elementName(type, i));
            }
            return tuple(type, Arrays.asList(ordered));
        }
        return tuple(type, (List<?>) v);
    }
}
