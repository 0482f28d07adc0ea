package io.tidewater.app.cli;

import io.tidewater.serdes.InputFormat;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Accepts {@code avro} or {@code json} in any case, with the serdes module's error wording. */
final class InputFormatConverter implements ITypeConverter<InputFormat> {
    @Override
    public InputFormat convert(String value) {
        try {
            return InputFormat.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
