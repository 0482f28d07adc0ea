package io.tidewater.sink;

import io.tidewater.topology.api.Batch;
import io.tidewater.topology.api.EntityChange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;

/**
 * Turns a batch into per-table work, once, before any attempt to write it: groups changes by
 * table, keeps one change per id, decodes the values and renders them column by column.
 *
 * <p>A batch should already hold one change per entity, but two for one id would make
 * {@code ON CONFLICT DO UPDATE} fail ("cannot affect row a second time"), so the last one
 * wins. Ids are sorted so that writers lock rows in the same order and rarely deadlock.
 *
 * <p>Not thread-safe: only the writer thread uses it.
 */
final class BatchPreparer {
    private final Map<String, TableWriter> writers = new LinkedHashMap<>();
    private final Map<String, RowDecoder> decoders = new LinkedHashMap<>();
    /** Per entity, the COPY text bytes per row of its last staged part: the next part's buffer size. */
    private final Map<String, Integer> copyBytesPerRow = new LinkedHashMap<>();
    private boolean staging = true;

    BatchPreparer(List<TableWriter> tables) {
        for (TableWriter writer : tables) {
            writers.put(writer.table().entity(), writer);
            decoders.put(writer.table().entity(), new RowDecoder(writer.table()));
        }
    }

    /** Without the TEMPORARY privilege on the database, every table takes the {@code unnest} path. */
    void stagingAllowed(boolean allowed) {
        this.staging = allowed;
    }

    /** @throws IllegalArgumentException naming the entity and id of a change that cannot be written */
    List<TableChanges> prepare(Batch batch) {
        Map<String, TreeMap<String, byte[]>> byEntity = new LinkedHashMap<>();
        for (String entity : writers.keySet()) {
            byEntity.put(entity, new TreeMap<>());
        }
        for (EntityChange change : batch.changes()) {
            TreeMap<String, byte[]> changes = byEntity.get(change.entity().name());
            if (changes == null) {
                throw new IllegalArgumentException("entity " + change.entity().name() + " (id '" + change.id()
                        + "') is not one of the entities the sink was created with: " + writers.keySet());
            }
            changes.put(change.id(), change.value());
        }
        List<TableChanges> prepared = new ArrayList<>();
        for (Map.Entry<String, TreeMap<String, byte[]>> e : byEntity.entrySet()) {
            if (!e.getValue().isEmpty()) {
                prepared.add(prepare(writers.get(e.getKey()), decoders.get(e.getKey()), e.getValue()));
            }
        }
        return prepared;
    }

    private TableChanges prepare(TableWriter writer, RowDecoder decoder, TreeMap<String, byte[]> changes) {
        EntityTable table = writer.table();
        int idPosition = table.idColumn().position();
        List<String> deletes = new ArrayList<>();
        int upserts = 0;
        for (byte[] value : changes.values()) {
            if (value != null) {
                upserts++;
            }
        }
        boolean staged = staging && writer.staged(upserts);
        ColumnValues columns = staged ? null : new ColumnValues(table.columns());
        CopyText copy = staged ? new CopyText(table.columns(), upserts,
                copyBytesPerRow.getOrDefault(table.entity(), 24 * table.columns().size())) : null;
        for (Map.Entry<String, byte[]> change : changes.entrySet()) {
            if (change.getValue() == null) {
                deletes.add(change.getKey());
                continue;
            }
            GenericRecord record = decode(table, decoder, change.getKey(), change.getValue());
            Object id = record.get(idPosition);
            if (id == null || !id.toString().equals(change.getKey())) {
                throw new IllegalArgumentException("entity " + table.entity() + ": change for id '" + change.getKey()
                        + "' holds a value whose id is '" + id + "'");
            }
            if (staged) {
                copy.add(record);
            } else {
                columns.add(record);
            }
        }
        if (!staged) {
            return new TableChanges(writer, deletes, columns.toArrays(), null, 0, columns.rows());
        }
        // A little over the last part's, so that a part like it needs no copy to grow.
        copyBytesPerRow.put(table.entity(), copy.length() / Math.max(1, copy.rows()) + 8);
        return new TableChanges(writer, deletes, null, copy.buffer(), copy.length(), copy.rows());
    }

    private static GenericRecord decode(EntityTable table, RowDecoder decoder, String id, byte[] value) {
        try {
            return decoder.decode(value);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("entity " + table.entity() + ", id '" + id + "': cannot decode its Avro value ("
                    + value.length + " bytes): " + e.getMessage(), e);
        }
    }
}
