package io.tidewater.topology.internals.abi;

import com.esaulpaugh.headlong.abi.ABIType;
import com.esaulpaugh.headlong.abi.Address;
import com.esaulpaugh.headlong.abi.ArrayType;
import com.esaulpaugh.headlong.abi.Event;
import com.esaulpaugh.headlong.abi.Tuple;
import com.esaulpaugh.headlong.abi.TupleType;
import io.tidewater.serdes.Hex;
import io.tidewater.serdes.Params;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns decoded ABI values into the values handlers read through {@link Params}: every integer a
 * {@link BigInteger}, addresses and bytes as lowercase {@code 0x} hex, strings and booleans as
 * themselves, arrays as lists and tuples as nested {@link Params}.
 */
public final class AbiValues {
    private AbiValues() {
    }

    /**
     * An event's parameters by name, from its topics (after topic 0) and data. An indexed value
     * type is decoded from its topic; an indexed string, bytes, array or struct travels as the
     * Keccak-256 hash of its value, which is all a log can tell, and is returned as that hash.
     */
    public static Map<String, Object> event(Event<Tuple> event, byte[][] topics, byte[] data) {
        TupleType<Tuple> inputs = event.getInputs();
        Tuple unindexed = event.decodeData(data);
        Map<String, Object> out = new LinkedHashMap<>();
        int topic = 1;
        int datum = 0;
        for (int i = 0; i < inputs.size(); i++) {
            ABIType<?> type = inputs.get(i);
            Object value;
            if (!event.isElementIndexed(i)) {
                value = of(type, unindexed.get(datum++));
            } else if (isValueType(type)) {
                value = of(type, type.decode(topics[topic++]));
            } else {
                value = Hex.encode(topics[topic++]);
            }
            out.put(elementName(inputs, i), value);
        }
        return out;
    }

    /** What Solidity stores in a topic as itself; everything else is hashed. */
    static boolean isValueType(ABIType<?> type) {
        return switch (type.typeCode()) {
            case ABIType.TYPE_CODE_TUPLE -> false;
            case ABIType.TYPE_CODE_ARRAY -> holdsBytes(type) && !type.isDynamic();
            default -> true;
        };
    }

    /** A tuple's elements by name; an unnamed element is {@code arg<i>}. */
    public static Map<String, Object> named(TupleType<?> type, Tuple values) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < type.size(); i++) {
            out.put(elementName(type, i), of(type.get(i), values.get(i)));
        }
        return out;
    }

    public static String elementName(TupleType<?> type, int i) {
        String name = type.getElementName(i);
        return name == null || name.isEmpty() ? "arg" + i : name;
    }

    static Object of(ABIType<?> type, Object value) {
        switch (type.typeCode()) {
            case ABIType.TYPE_CODE_BOOLEAN:
                return value;
            case ABIType.TYPE_CODE_BYTE:
                return BigInteger.valueOf((Byte) value);
            case ABIType.TYPE_CODE_INT:
            case ABIType.TYPE_CODE_LONG:
                return BigInteger.valueOf(((Number) value).longValue());
            case ABIType.TYPE_CODE_BIG_INTEGER:
                return value;
            case ABIType.TYPE_CODE_BIG_DECIMAL:
                return (BigDecimal) value;
            case ABIType.TYPE_CODE_ADDRESS:
                return ((Address) value).toString().toLowerCase(Locale.ROOT);
            case ABIType.TYPE_CODE_ARRAY:
                return array(type.asArrayType(), value);
            case ABIType.TYPE_CODE_TUPLE:
                return new Params(named(type.asTupleType(), (Tuple) value));
            default:
                throw new IllegalArgumentException("unsupported ABI type " + type.getCanonicalType());
        }
    }

    /** bytes and bytesN, whose values are byte arrays anyway. */
    private static boolean holdsBytes(ABIType<?> type) {
        return type.typeCode() == ABIType.TYPE_CODE_ARRAY && !type.asArrayType().isString()
                && type.asArrayType().getElementType().typeCode() == ABIType.TYPE_CODE_BYTE;
    }

    private static Object array(ArrayType<?, ?, ?> type, Object value) {
        if (type.isString()) {
            return value;
        }
        if (type.getElementType().typeCode() == ABIType.TYPE_CODE_BYTE) {
            return Hex.encode((byte[]) value);
        }
        int n = Array.getLength(value);
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(of(type.getElementType(), Array.get(value, i)));
        }
        return out;
    }
}
