package io.tidewater.serdes;

import io.tidewater.serdes.wire.InputRecord;
import java.nio.charset.StandardCharsets;

/**
 * Turns input-topic bytes into a validated {@link InputRecord} and back, in either form.
 * Every failure is a {@link MalformedRecordException}: decoding bad input never throws
 * anything a caller would not expect.
 *
 * <p>Not thread-safe, like {@link AvroCodec}.
 */
public final class InputCodec {
    private final InputFormat format;
    private final Long chainId;
    private final AvroCodec<InputRecord> avro = new AvroCodec<>(InputRecord.class);

    public InputCodec(InputFormat format) {
        this(format, null);
    }

    /** @param chainId the chain of records whose layout carries none; null when unknown */
    public InputCodec(InputFormat format, Long chainId) {
        this.format = format;
        this.chainId = chainId;
    }

    public InputFormat format() {
        return format;
    }

    public InputRecord decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new MalformedRecordException("$", null, "empty record value");
        }
        try {
            return switch (format) {
                case JSON -> JsonLines.parse(bytes);
                case AVRO -> InputValidator.validate(avro.decode(bytes));
                case RPC -> RpcLayout.parse(bytes, chainId);
                case ETHEREUM_ETL -> EthereumEtlLayout.parse(bytes, chainId);
            };
        } catch (MalformedRecordException e) {
            throw e;
        } catch (RuntimeException e) {
            // A guard against decoder surprises: the record is bad, the app is not.
            throw new MalformedRecordException("$", bytes.length + " bytes", "could not be decoded (" + e + ")", e);
        }
    }

    /** @throws UnsupportedOperationException for a third-party layout, which Tidewater only reads */
    public byte[] encode(InputRecord record) {
        return switch (format) {
            case JSON -> JsonLines.format(record).getBytes(StandardCharsets.UTF_8);
            case AVRO -> avro.encode(record);
            case RPC, ETHEREUM_ETL -> throw new UnsupportedOperationException("the " + format.label()
                    + " layout is read, not written; write avro or json");
        };
    }
}
