package io.tidewater.sink;

import io.tidewater.topology.api.Batch;
import io.tidewater.topology.api.EntityChange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
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

    /**
     * Prepares a batch, inserting the rows of entities it marks as created with a plain
     * {@code COPY}, which needs neither a staging table nor conflict handling.
     *
     * @throws IllegalArgumentException naming the entity and id of a change that cannot be written
     */
    List<TableChanges> prepare(Batch batch) {
        return prepare(batch, true);
    }

    /** Prepares a batch again with every row upserted: a row it took for new was there ({@link CreatedRowExistsException}). */
    List<TableChanges> prepareUpsertsOnly(Batch batch) {
        return prepare(batch, false);
    }

    private List<TableChanges> prepare(Batch batch, boolean insertCreated) {
        Map<String, TreeMap<String, EntityChange>> byEntity = new LinkedHashMap<>();
        for (String entity : writers.keySet()) {
            byEntity.put(entity, new TreeMap<>());
        }
        for (EntityChange change : batch.changes()) {
            TreeMap<String, EntityChange> changes = byEntity.get(change.entity().name());
            if (changes == null) {
                throw new IllegalArgumentException("entity " + change.entity().name() + " (id '" + change.id()
                        + "') is not one of the entities the sink was created with: " + writers.keySet());
            }
            changes.put(change.id(), change);
        }
        List<TableChanges> prepared = new ArrayList<>();
        for (Map.Entry<String, TreeMap<String, EntityChange>> e : byEntity.entrySet()) {
            if (!e.getValue().isEmpty()) {
                prepared.add(prepare(writers.get(e.getKey()), decoders.get(e.getKey()), e.getValue(), insertCreated));
            }
        }
        return prepared;
    }

    private TableChanges prepare(TableWriter writer, RowDecoder decoder, TreeMap<String, EntityChange> changes,
            boolean insertCreated) {
        EntityTable table = writer.table();
        Predicate<EntityChange> isInsert = change -> insertCreated && change.created();
        int inserts = 0;
        int upserts = 0;
        for (EntityChange change : changes.values()) {
            if (change.value() != null) {
                if (isInsert.test(change)) {
                    inserts++;
                } else {
                    upserts++;
                }
            }
        }
        int bytesPerRow = copyBytesPerRow.getOrDefault(table.entity(), 24 * table.columns().size());
        CopyText inserted = inserts > 0 ? new CopyText(table.columns(), inserts, bytesPerRow) : null;
        boolean staged = staging && writer.staged(upserts);
        ColumnValues columns = staged ? null : new ColumnValues(table.columns());
        CopyText copy = staged ? new CopyText(table.columns(), upserts, bytesPerRow) : null;
        List<String> deletes = new ArrayList<>();
        for (EntityChange change : changes.values()) {
            if (change.value() == null) {
                deletes.add(change.id());
                continue;
            }
            GenericRecord record = decode(table, decoder, change);
            if (isInsert.test(change)) {
                inserted.add(record);
            } else if (staged) {
                copy.add(record);
            } else {
                columns.add(record);
            }
        }
        remember(table, inserted);
        remember(table, copy);
        return new TableChanges(writer, deletes, inserted == null ? null : inserted.buffer(), inserted == null ? 0 : inserted.length(),
                inserts, staged ? null : columns.toArrays(), staged ? copy.buffer() : null, staged ? copy.length() : 0, upserts);
    }

    /** A little over this part's bytes per row, so that a part like it needs no copy to grow. */
    private void remember(EntityTable table, CopyText text) {
        if (text != null) {
            copyBytesPerRow.put(table.entity(), text.length() / Math.max(1, text.rows()) + 8);
        }
    }

    private static GenericRecord decode(EntityTable table, RowDecoder decoder, EntityChange change) {
        GenericRecord record = decode(table, decoder, change.id(), change.value());
        Object id = record.get(table.idColumn().position());
        if (id == null || !id.toString().equals(change.id())) {
            throw new IllegalArgumentException("entity " + table.entity() + ": change for id '" + change.id()
                    + "' holds a value whose id is '" + id + "'");
        }
        return record;
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
