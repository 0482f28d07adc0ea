package io.tidewater.topology.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.topology.api.EntityDefinition;
import io.tidewater.topology.testing.Account;
import io.tidewater.topology.testing.Note;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class EntityStoreTest {
    static final EntityDefinition<Account> ACCOUNT = EntityDefinition.of(Account.class, "owner");
    static final EntityDefinition<Note> NOTE = EntityDefinition.of(Note.class);

    private final MemoryStores stores = new MemoryStores();
    private final StagingStore entities = stores.staged(StoreNames.ENTITIES);
    private final KeyValueStore<Bytes, byte[]> index = stores.store(StoreNames.INDEX);
    private final EntityCatalog catalog = new EntityCatalog(List.of(ACCOUNT, NOTE));
    private final EntityStore store = new EntityStore(entities, index, catalog);

    static Account account(String id, String owner, long balance) {
        return Account.newBuilder().setId(id).setOwner(owner).setBalance(balance).build();
    }

    /** Writes the entity over whatever the store holds, as handlers and rollbacks do. */
    private void put(Account a) {
        Bytes key = Keys.entity("Account", a.getId());
        store.write(key, ACCOUNT, store.read(key), catalog.encode(ACCOUNT, a));
    }

    private void delete(String id) {
        Bytes key = Keys.entity("Account", id);
        store.write(key, ACCOUNT, store.read(key), null);
    }

    private Account read(String id) {
        byte[] v = store.read(Keys.entity("Account", id));
        return v == null ? null : catalog.decode(ACCOUNT, v);
    }

    @Test
    void aWrittenEntityReadsBackAndADeletedOneIsAbsent() {
        put(account("1", "alice", 10));
        put(account("1", "alice", 25));
        assertThat(read("1")).isEqualTo(account("1", "alice", 25));

        delete("1");

        assertThat(read("1")).isNull();
        assertThat(MemoryStores.size(entities)).isZero();
    }

    @Test
    void theIndexFollowsTheIndexedFieldAsItChanges() {
        put(account("2", "alice", 1));
        put(account("1", "alice", 1));
        put(account("3", "bob", 1));
        assertThat(store.idsWhere(ACCOUNT, "owner", "alice")).containsExactly("1", "2");

        put(account("2", "bob", 5));

        assertThat(store.idsWhere(ACCOUNT, "owner", "alice")).containsExactly("1");
        assertThat(store.idsWhere(ACCOUNT, "owner", "bob")).containsExactly("2", "3");
        assertThat(MemoryStores.size(index)).isEqualTo(3);
    }

    @Test
    void deletingAnEntityOrNullingItsFieldRemovesItsIndexEntry() {
        put(account("1", "alice", 1));
        put(account("2", "alice", 1));

        delete("1");
        put(account("2", null, 1));

        assertThat(store.idsWhere(ACCOUNT, "owner", "alice")).isEmpty();
        assertThat(MemoryStores.size(index)).isZero();
        assertThat(read("2").getOwner()).isNull();
    }

    @Test
    void aValueMatchesOnlyExactlyNotAsAPrefix() {
        put(account("1", "al", 1));
        put(account("2", "alice", 1));
        put(account("3", "ali", 1));

        assertThat(store.idsWhere(ACCOUNT, "owner", "al")).containsExactly("1");
        assertThat(store.idsWhere(ACCOUNT, "owner", "ali")).containsExactly("3");
        assertThat(store.idsWhere(ACCOUNT, "owner", "alicia")).isEmpty();
    }

    @Test
    void anEntityWithNothingIndexedWritesNoIndexEntries() {
        Bytes key = Keys.entity("Note", "n1");
        store.write(key, NOTE, null, catalog.encode(NOTE, Note.newBuilder().setId("n1").setText("hi").build()));

        assertThat(catalog.decode(NOTE, store.read(key)).getText()).isEqualTo("hi");
        assertThat(MemoryStores.size(index)).isZero();
        assertThat(store.read(Keys.entity("Account", "n1"))).as("entity types do not share ids").isNull();
    }
}
