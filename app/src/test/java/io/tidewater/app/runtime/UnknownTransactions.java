package io.tidewater.app.runtime;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * Leaves a transaction open on a partition that no transaction coordinator knows of: the state a
 * hanging transaction leaves a partition in. It writes one transactional record batch straight to
 * the partition leader, with a producer id no coordinator handed out, and never a marker. The
 * broker must run with {@code transaction.partition.verification.enable=false}, else the leader
 * asks the coordinator first and refuses the batch.
 */
final class UnknownTransactions {
    /** Produce v11, the last before transactions v2: the batch goes in without the coordinator being involved. */
    private static final short PRODUCE_VERSION = ProduceRequest.LAST_STABLE_VERSION_BEFORE_TRANSACTION_V2;

    private UnknownTransactions() {
    }

    /**
     * @param leader {@code host:port} of the partition's leader
     */
    static void open(String leader, TopicPartition partition, long producerId) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        Errors error;
        // A topic just created may not have its leader yet.
        while ((error = tryOpen(leader, partition, producerId)).exception() instanceof RetriableException && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        if (error != Errors.NONE) {
            throw new IllegalStateException("the broker refused the open transaction on " + partition + ": " + error);
        }
    }

    private static Errors tryOpen(String leader, TopicPartition partition, long producerId) throws IOException {
        MemoryRecords records = MemoryRecords.withTransactionalRecords(Compression.NONE, producerId, (short) 0, 0,
                new SimpleRecord(System.currentTimeMillis(), "hanging".getBytes(StandardCharsets.UTF_8),
                        "never committed, never aborted".getBytes(StandardCharsets.UTF_8)));
        ProduceRequestData data = new ProduceRequestData().setTransactionalId("unknown-" + producerId).setAcks((short) -1)
                .setTimeoutMs(30_000);
        data.topicData().add(new ProduceRequestData.TopicProduceData().setName(partition.topic()).setPartitionData(
                List.of(new ProduceRequestData.PartitionProduceData().setIndex(partition.partition()).setRecords(records))));
        RequestHeader header = new RequestHeader(ApiKeys.PRODUCE, PRODUCE_VERSION, "unknown-transaction", 1);
        ByteBuffer request = ProduceRequest.builder(data, true).build(PRODUCE_VERSION).serializeWithHeader(header);
        String[] hostPort = leader.split(":");
        try (Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(request.remaining());
            out.write(request.array(), request.arrayOffset() + request.position(), request.remaining());
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] response = new byte[in.readInt()];
            in.readFully(response);
            ProduceResponse produced = (ProduceResponse) AbstractResponse.parseResponse(ByteBuffer.wrap(response), header);
            return Errors.forCode(produced.data().responses().iterator().next().partitionResponses().get(0).errorCode());
        }
    }
}
