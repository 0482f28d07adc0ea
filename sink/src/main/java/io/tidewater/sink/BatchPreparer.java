package io.tidewater.sink;

import io.tidewater.topology.api.Batch;
import io.tidewater.topology.api.EntityChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a batch into per-table work, once, before any attempt to write it: groups changes by
 * table, keeps one change per id, and splits each table's changes into deletes, new rows and
 * upserts. Rows for a {@code COPY} are decoded and rendered as the COPY reads them
 * ({@link CopyRows}); rows for the {@code unnest} upsert, column by column here.
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
    /** Per entity, the COPY text bytes per row of its last rendered part: the next part's buffer size. */
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
     * @throws IllegalArgumentException naming the entity and id of a change that cannot be written;
     *         for a row that goes by {@code COPY}, the write throws it, when it reaches the row
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
        List<String> deletes = new ArrayList<>();
        List<EntityChange> inserts = new ArrayList<>();
        List<EntityChange> upserts = new ArrayList<>();
        for (EntityChange change : changes.values()) {
            if (change.value() == null) {
                deletes.add(change.id());
            } else if (insertCreated && change.created()) {
                inserts.add(change);
            } else {
                upserts.add(change);
            }
        }
        CopyRows inserted = inserts.isEmpty() ? null : copyRows(decoder, inserts);
        if (upserts.isEmpty()) {
            return new TableChanges(writer, deletes, inserted, null, null);
        }
        if (staging && writer.staged(upserts.size())) {
            return new TableChanges(writer, deletes, inserted, copyRows(decoder, upserts), null);
        }
        ColumnValues columns = new ColumnValues(writer.table().columns());
        for (EntityChange change : upserts) {
            columns.add(decoder.decodeChange(change));
        }
        return new TableChanges(writer, deletes, inserted, null, columns.toArrays());
    }

    private CopyRows copyRows(RowDecoder decoder, List<EntityChange> rows) {
        String entity = decoder.table().entity();
        int guess = copyBytesPerRow.getOrDefault(entity, 24 * decoder.table().columns().size());
        return new CopyRows(decoder, rows, guess, width -> copyBytesPerRow.put(entity, width));
    }
}
