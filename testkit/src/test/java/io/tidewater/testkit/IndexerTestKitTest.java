package io.tidewater.testkit;

import static io.tidewater.testkit.fixtures.Ledger.DEPOSIT;
import static io.tidewater.testkit.fixtures.Ledger.VAULT;
import static io.tidewater.testkit.fixtures.Ledger.WITHDRAW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewater.testkit.fixtures.Account;
import io.tidewater.testkit.fixtures.Ledger;
import io.tidewater.testkit.fixtures.Movement;
import io.tidewater.topology.api.EntityDefinition;
import io.tidewater.topology.api.EventSignature;
import io.tidewater.topology.api.HandlerRegistry;
import io.tidewater.topology.api.Indexer;
import io.tidewater.topology.api.RawLog;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexerTestKitTest {
    static final String ALICE = "0x00000000000000000000000000000000000a11ce";
    static final String BOB = "0x0000000000000000000000000000000000000b0b";

    private static BigDecimal balance(IndexerTestKit kit, String who) {
        return kit.entity(Account.class, Ledger.accountId(1, who)).map(Account::getBalance).orElse(null);
    }

    @Test
    void rawLogsEncodedFromSignaturesReachTheStoreAndTheWrittenTables() {
        try (IndexerTestKit kit = IndexerTestKit.of(Ledger.safe())) {
            kit.chain(1).block().log(VAULT, DEPOSIT, ALICE, 100).log(VAULT, DEPOSIT, BOB, 7)
                    .block().log(VAULT, WITHDRAW, Map.of("account", ALICE, "amount", 40));
            assertThat(balance(kit, ALICE)).isEqualByComparingTo("60");
            assertThat(kit.written(Account.class)).isEmpty();
            kit.flush();
            assertThat(kit.written(Account.class).get(Ledger.accountId(1, ALICE)).getBalance()).isEqualByComparingTo("60");
            assertThat(kit.written(Movement.class)).containsOnlyKeys("1-1-0", "1-1-1", "1-2-0");
            assertThat(kit.stats().logsApplied()).isEqualTo(3);
        }
    }

    @Test
    void anExplicitReorgRollsBackInTheStoreAndInTheWrittenTables() {
        try (IndexerTestKit kit = IndexerTestKit.of(Ledger.safe())) {
            ChainBuilder chain = kit.chain(1).block().log(VAULT, DEPOSIT, ALICE, 100);
            chain.block().log(VAULT, WITHDRAW, ALICE, 100);
            kit.flush();
            assertThat(kit.written(Account.class)).isEmpty();
            chain.reorg(1).block().log(VAULT, DEPOSIT, BOB, 5);
            kit.flush();
            assertThat(kit.written(Account.class)).containsOnlyKeys(Ledger.accountId(1, ALICE), Ledger.accountId(1, BOB));
            assertThat(balance(kit, ALICE)).isEqualByComparingTo("100");
            assertThat(kit.written(Movement.class)).containsOnlyKeys("1-1-0", "1-2-0");
            assertThat(kit.written(Movement.class).get("1-2-0").getAccount()).isEqualTo(Ledger.accountId(1, BOB));
            assertThat(kit.stats().rollbacks()).isEqualTo(1);
        }
    }

    @Test
    void aSilentForkIsRevealedByTheNewHashes() {
        try (IndexerTestKit kit = IndexerTestKit.of(Ledger.safe())) {
            ChainBuilder chain = kit.chain(1).block().log(VAULT, DEPOSIT, ALICE, 100).block().log(VAULT, DEPOSIT, ALICE, 1);
            String lost = chain.hash(2);
            chain.fork(1).block().log(VAULT, DEPOSIT, ALICE, 2);
            assertThat(chain.hash(2)).isNotEqualTo(lost);
            assertThat(balance(kit, ALICE)).isEqualByComparingTo("102");
            assertThat(kit.stats().rollbacks()).isEqualTo(1);
        }
    }

    @Test
    void duplicatesAndResentBlocksAreSkipped() {
        try (IndexerTestKit kit = IndexerTestKit.of(Ledger.safe())) {
            kit.chain(1).block().log(VAULT, DEPOSIT, ALICE, 100).duplicateLastLog().block().log(VAULT, DEPOSIT, ALICE, 1).resend(1);
            assertThat(balance(kit, ALICE)).isEqualByComparingTo("101");
            // The duplicated log, then block 1 and 2 again, each a header and a log.
            assertThat(kit.stats().duplicates()).isEqualTo(5);
        }
    }

    @Test
    void logsOfOtherContractsAndUndeclaredEventsAreCountedAsUnhandled() {
        EventSignature approval = EventSignature.parse("Approval(address indexed owner, address indexed spender, uint256 value)");
        try (IndexerTestKit kit = IndexerTestKit.of(Ledger.safe())) {
            kit.chain(1).block().log(BOB, DEPOSIT, ALICE, 100).log(VAULT, approval, ALICE, BOB, 1);
            kit.chain(3).block().log(VAULT, DEPOSIT, ALICE, 100);
            assertThat(kit.entities(Account.class)).isEmpty();
            assertThat(kit.stats().unhandled()).isEqualTo(Map.of("Deposit", 2L, "unknown-topic0", 1L));
            assertThat(kit.deadLetters()).isEmpty();
        }
    }

    @Test
    void aLogThatDoesNotDecodeIsDeadLetteredNamingTheSignature() {
        try (IndexerTestKit kit = IndexerTestKit.of(Ledger.safe())) {
            RawLog good = DEPOSIT.encode(ALICE, 100);
            kit.chain(1).block()
                    .raw(VAULT, new RawLog(List.of(DEPOSIT.topic0()), good.data()))
                    .raw(VAULT, new RawLog(good.topics(), "0x1234"))
                    .raw(VAULT, new RawLog(good.topics(), "0xzz"))
                    .log(VAULT, DEPOSIT, ALICE, 3);
            List<DeadLetter> dead = kit.deadLetters();
            assertThat(dead).extracting(DeadLetter::category).containsOnly("undecodable");
            assertThat(dead).extracting(DeadLetter::signature).containsOnly("Deposit(address indexed account, uint256 amount)");
            assertThat(dead.get(0).reason()).contains("expected 2 topics (1 indexed parameters), got 1");
            assertThat(dead.get(2).reason()).contains("data is not hex");
            assertThat(balance(kit, ALICE)).isEqualByComparingTo("3");
        }
    }

    @Test
    void aFailingHandlerIsDeadLetteredAndItsChangesDoNotApply() {
        try (IndexerTestKit kit = IndexerTestKit.of(Ledger.safe())) {
            kit.chain(1).block().log(VAULT, DEPOSIT, ALICE, 10).log(VAULT, WITHDRAW, ALICE, 11);
            assertThat(kit.deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.category()).isEqualTo("handler-failed");
                assertThat(d.reason()).contains("would go negative");
            });
            assertThat(balance(kit, ALICE)).isEqualByComparingTo("10");
        }
    }

    @Test
    void decodedLogsReachTheSameHandlers() {
        try (IndexerTestKit kit = IndexerTestKit.of(Ledger.safe())) {
            kit.chain(2).block().decodedLog(VAULT, "Deposit", Map.of("account", ALICE, "amount", "55"));
            assertThat(kit.entity(Account.class, Ledger.accountId(2, ALICE)).orElseThrow().getBalance()).isEqualByComparingTo("55");
        }
    }

    @Test
    void aLogWithoutTimestampTakesItsBlockRecordsOrIsDeadLettered() {
        try (IndexerTestKit kit = IndexerTestKit.of(Ledger.safe())) {
            ChainBuilder chain = kit.chain(1).block().log(VAULT, DEPOSIT, ALICE, 1);
            RawLog deposit = DEPOSIT.encode(BOB, 5);
            String log = "{\"kind\":\"log\",\"chainId\":1,\"blockNumber\":%d,\"blockHash\":\"%s\",\"blockTimestamp\":-1,"
                    + "\"logIndex\":%d,\"txHash\":\"%s\",\"address\":\"" + VAULT + "\",\"topics\":[\"%s\",\"%s\"],\"data\":\"%s\"}";
            String hash1 = chain.hash(1);
            kit.pipe(String.format(log, 1, hash1, 5, hash1, deposit.topics().get(0), deposit.topics().get(1), deposit.data()));
            String unseen = "0x" + "77".repeat(32);
            kit.pipe(String.format(log, 2, unseen, 0, unseen, deposit.topics().get(0), deposit.topics().get(1), deposit.data()));
            assertThat(kit.entity(Account.class, Ledger.accountId(1, BOB)).orElseThrow().getBalance()).isEqualByComparingTo("5");
            assertThat(kit.deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.category()).isEqualTo("malformed");
                assertThat(d.reason()).contains("blockTimestamp").contains("no block record for block 2");
            });
        }
    }

    @Test
    void anIndexerWithAnInvalidSignatureDoesNotStart() {
        Indexer broken = new Indexer() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public List<EntityDefinition<?>> entities() {
                return List.of(EntityDefinition.of(Account.class));
            }

            @Override
            public void registerHandlers(HandlerRegistry registry) {
                registry.on("Deposit(address indexed account, uint257 amount)", ctx -> { });
            }
        };
        assertThatThrownBy(() -> IndexerTestKit.of(broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid event signature 'Deposit(address indexed account, uint257 amount)'");
    }
}
