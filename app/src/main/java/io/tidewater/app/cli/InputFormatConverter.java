package io.tidewater.app.cli;

import io.tidewater.serdes.InputFormat;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Accepts {@code avro} or {@code json} in any case, with the serdes module's error wording. The
 * producers' layouts (rpc, ethereum-etl) are read by the indexer, never written by Tidewater.
 */
final class InputFormatConverter implements ITypeConverter<InputFormat> {
    @Override
    public InputFormat convert(String value) {
        InputFormat format;
        try {
            format = InputFormat.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("unknown input format '" + value + "'; expected avro or json");
        }
        if (format.isLayout()) {
            throw new TypeConversionException("'" + value + "' is a layout Tidewater reads, not one it writes; expected avro or json");
        }
        return format;
    }
}
