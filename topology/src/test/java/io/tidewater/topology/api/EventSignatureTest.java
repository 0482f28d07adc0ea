package io.tidewater.topology.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewater.serdes.Params;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Decoding against fixed vectors. The Transfer and PairCreated logs are mainnet logs as nodes
 * return them; topics 0 are checked against the well-known hashes of ERC20, ERC721 and Uniswap.
 */
class EventSignatureTest {
    static final String TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
    static final EventSignature ERC20_TRANSFER = EventSignature.parse("Transfer(address indexed from, address indexed to, uint256 value)");

    @Test
    void anErc20TransferOfDaiDecodesToItsValues() {
        // DAI, mainnet block 15867800, log 75.
        Params p = ERC20_TRANSFER.decode(List.of(TRANSFER_TOPIC,
                        "0x000000000000000000000000a7d0b6a1edf7e6aaf7a8d4bd19160c9dc371ca41",
                        "0x0000000000000000000000005f65f7b609678448494de4c87521cdf6cef1e932"),
                "0x00000000000000000000000000000000000000000000021dad9f5ab4f65f3800");
        assertThat(ERC20_TRANSFER.topic0()).isEqualTo(TRANSFER_TOPIC);
        assertThat(ERC20_TRANSFER.canonical()).isEqualTo("Transfer(address,address,uint256)");
        assertThat(p.address("from")).isEqualTo("0xa7d0b6a1edf7e6aaf7a8d4bd19160c9dc371ca41");
        assertThat(p.address("to")).isEqualTo("0x5f65f7b609678448494de4c87521cdf6cef1e932");
        assertThat(p.bigInteger("value")).isEqualTo(new BigInteger("9992199361900000000000"));
    }

    @Test
    void anErc20TransferOfUsdtFitsALong() {
        // USDT, mainnet block 16569423, log 191.
        Params p = ERC20_TRANSFER.decode(List.of(TRANSFER_TOPIC,
                        "0x000000000000000000000000d8a7346ffef357542857ab5fcf7ed1baed08680f",
                        "0x00000000000000000000000031c43e2be5bcd4edb512ad47a0f1a93aa22941b9"),
                "0x000000000000000000000000000000000000000000000000000000000bebc200");
        assertThat(p.longValue("value")).isEqualTo(200_000_000L);
    }

    @Test
    void anErc721TransferHasItsTokenIdInTheFourthTopic() {
        EventSignature erc721 = EventSignature.parse("Transfer(address indexed from, address indexed to, uint256 indexed tokenId)");
        assertThat(erc721.topic0()).isEqualTo(TRANSFER_TOPIC);
        Params p = erc721.decode(List.of(TRANSFER_TOPIC,
                "0x000000000000000000000000a858ddc0445d8131dac4d1de01f834ffcba52ef1",
                "0x000000000000000000000000742d35cc6634c0532925a3b844bc454e4438f44e",
                "0x0000000000000000000000000000000000000000000000000000000000002271"), "0x");
        assertThat(p.address("from")).isEqualTo("0xa858ddc0445d8131dac4d1de01f834ffcba52ef1");
        assertThat(p.bigInteger("tokenId")).isEqualTo(BigInteger.valueOf(8817));
        assertThat(erc721.params()).extracting(EventParam::indexed).containsExactly(true, true, true);
    }

    @Test
    void aUniswapV2PairCreatedMixesTopicsAndDataAndNamesUnnamedParameters() {
        // The Uniswap V2 factory, mainnet block 11482855, log 11.
        EventSignature pairCreated = EventSignature.parse(
                "event PairCreated(address indexed token0, address indexed token1, address pair, uint)");
        assertThat(pairCreated.topic0()).isEqualTo("0x0d3648bd0f6ba80134a33ba9275ac585d9d315f0ad8355cddefde31afa28d0e9");
        Params p = pairCreated.decode(List.of(pairCreated.topic0(),
                        "0x000000000000000000000000bd401cbbab7e3b8ec82078799f28348b9f628100",
                        "0x000000000000000000000000c02aaa39b223fe8d0a0e5c4f27ead9083c756cc2"),
                "0x0000000000000000000000002fc67fef1ef659bda2d133f91238bb23d11b9a3c0000000000000000000000000000000000000000000000000000000000006759");
        assertThat(p.address("token1")).isEqualTo("0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2");
        assertThat(p.address("pair")).isEqualTo("0x2fc67fef1ef659bda2d133f91238bb23d11b9a3c");
        assertThat(p.longValue("arg3")).isEqualTo(26_457L);
    }

    @Test
    void uniswapSwapsHaveTheirWellKnownTopicsAndSignedAmountsRoundTrip() {
        EventSignature v2 = EventSignature.parse("Swap(address indexed sender, uint amount0In, uint amount1In, uint amount0Out,"
                + " uint amount1Out, address indexed to)");
        assertThat(v2.topic0()).isEqualTo("0xd78ad95fa46c994b6551d0da85fc275fe613ce37657fb8d5e3d130840159d822");
        EventSignature v3 = EventSignature.parse("Swap(address indexed sender, address indexed recipient, int256 amount0,"
                + " int256 amount1, uint160 sqrtPriceX96, uint128 liquidity, int24 tick)");
        assertThat(v3.topic0()).isEqualTo("0xc42079f94a6350d7e6235f29174924f928cc2ac818eb64fed8004e115fbcca67");

        String sender = "0x3fc91a3afd70395cd496c647d5a6cc9d4b2b7fad";
        RawLog log = v3.encode(sender, sender, new BigInteger("-5000000000000000000"), 12_345_678L,
                new BigInteger("1461446703485210103287273052203988822378723970341"), 10L, -887_272);
        // -5e18 as a two's-complement word, checked by hand.
        assertThat(log.data().substring(2, 66)).isEqualTo("ffffffffffffffffffffffffffffffffffffffffffffffffba9c6e7dbb0c0000");
        Params p = v3.decode(log.topics(), log.data());
        assertThat(p.bigInteger("amount0")).isEqualTo(new BigInteger("-5000000000000000000"));
        assertThat(p.longValue("amount1")).isEqualTo(12_345_678L);
        assertThat(p.longValue("tick")).isEqualTo(-887_272L);
        assertThat(p.address("recipient")).isEqualTo(sender);
    }

    @Test
    void bytes32StringsArraysTuplesAndIndexedStringsDecode() {
        EventSignature e = EventSignature.parse("Filed(bytes32 indexed id, string indexed tag, string note, uint256[] amounts,"
                + " (address owner, uint96 weight) share, bool[2] flags, int8 delta, bytes blob)");
        String id = "0x" + "00".repeat(31) + "2a";
        RawLog log = e.encode(id, "hello", "a note, with ünïcode", List.of(1, 2, new BigInteger("3000000000000000000000")),
                Map.of("owner", "0xa858ddc0445d8131dac4d1de01f834ffcba52ef1", "weight", 7), List.of(true, false), -3, "0xdeadbeef");
        Params p = e.decode(log.topics(), log.data());
        assertThat(p.string("id")).isEqualTo(id);
        assertThat(p.bytes("id")).hasSize(32);
        // An indexed string arrives as its Keccak-256 hash: keccak256("hello").
        assertThat(p.string("tag")).isEqualTo("0x1c8aff950685c2ed4bc3174f3472287b56d9517b9c948127319a09a7a36deac8");
        assertThat(e.params().get(1).hashed()).isTrue();
        assertThat(p.string("note")).isEqualTo("a note, with ünïcode");
        assertThat(p.list("amounts")).containsExactly(BigInteger.ONE, BigInteger.TWO, new BigInteger("3000000000000000000000"));
        assertThat(p.tuple("share").address("owner")).isEqualTo("0xa858ddc0445d8131dac4d1de01f834ffcba52ef1");
        assertThat(p.tuple("share").longValue("weight")).isEqualTo(7);
        assertThat(p.list("flags")).containsExactly(true, false);
        assertThat(p.longValue("delta")).isEqualTo(-3);
        assertThat(p.string("blob")).isEqualTo("0xdeadbeef");
        assertThat(p.json("amounts")).isEqualTo("[\"1\",\"2\",\"3000000000000000000000\"]");
        assertThat(p.json("share")).isEqualTo("{\"owner\":\"0xa858ddc0445d8131dac4d1de01f834ffcba52ef1\",\"weight\":\"7\"}");
        assertThat(e.canonical()).isEqualTo("Filed(bytes32,string,string,uint256[],(address,uint96),bool[2],int8,bytes)");
    }

    @Test
    void indexedArraysAndTuplesArriveAsTheirHash() {
        EventSignature e = EventSignature.parse("Batch(uint256[] indexed ids, (uint8 a, uint8 b) indexed pair, uint256 n)");
        String idsHash = "0x" + "11".repeat(32);
        String pairHash = "0x" + "22".repeat(32);
        Params p = e.decode(List.of(e.topic0(), idsHash, pairHash), "0x" + word(5));
        assertThat(p.string("ids")).isEqualTo(idsHash);
        assertThat(p.string("pair")).isEqualTo(pairHash);
        assertThat(p.longValue("n")).isEqualTo(5);
        assertThat(e.params()).extracting(EventParam::hashed).containsExactly(true, true, false);
    }

    @Test
    void aHandWrittenDynamicStringDecodes() {
        EventSignature note = EventSignature.parse("Note(string text)");
        String data = "0x" + word(0x20) + word(2) + "6869" + "0".repeat(60);
        assertThat(note.decode(List.of(note.topic0()), data).string("text")).isEqualTo("hi");
    }

    @Test
    void whatDoesNotDecodeSaysWhy() {
        String from = "0x000000000000000000000000a7d0b6a1edf7e6aaf7a8d4bd19160c9dc371ca41";
        String value = "0x" + word(1000);
        assertThatThrownBy(() -> ERC20_TRANSFER.decode(List.of(TRANSFER_TOPIC, from, from, from), value))
                .hasMessageContaining("expected 3 topics (2 indexed parameters), got 4");
        assertThatThrownBy(() -> ERC20_TRANSFER.decode(List.of(TRANSFER_TOPIC, from, from), "0x" + word(1000).substring(8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ERC20_TRANSFER.decode(List.of(TRANSFER_TOPIC, from, from), "0xzz"))
                .hasMessageContaining("data is not hex");
        EventSignature note = EventSignature.parse("Note(string text)");
        assertThatThrownBy(() -> note.decode(List.of(note.topic0()), "0x" + word(0x1000) + word(2)))
                .isInstanceOf(IllegalArgumentException.class);
        // An address word with bits above 160 is not an address.
        assertThatThrownBy(() -> ERC20_TRANSFER.decode(List.of(TRANSFER_TOPIC, "0x" + "ff".repeat(32), from), value))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidSignaturesAreRefusedNamingThem() {
        assertThatThrownBy(() -> EventSignature.parse("Transfer(address indexed from, address to"))
                .hasMessageContaining("invalid event signature 'Transfer(address indexed from, address to'")
                .hasMessageContaining("expected ')' at the end");
        assertThatThrownBy(() -> EventSignature.parse("Transfer(uint257 value)"))
                .hasMessageContaining("invalid event signature 'Transfer(uint257 value)'");
        assertThatThrownBy(() -> EventSignature.parse("Four(uint8 indexed a, uint8 indexed b, uint8 indexed c, uint8 indexed d)"))
                .hasMessageContaining("4 indexed parameters; at most 3");
        assertThatThrownBy(() -> EventSignature.parse("Secret(uint256 x) anonymous"))
                .hasMessageContaining("anonymous");
        assertThatThrownBy(() -> EventSignature.parse("Twice(uint256 x, address x)"))
                .hasMessageContaining("two parameters named 'x'");
        assertThatThrownBy(() -> EventSignature.parse("Deep((uint256 a) indexed s)").decode(List.of(), "0x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overloadsAreDistinctEvents() {
        EventSignature one = EventSignature.parse("Paid(address indexed to, uint256 amount)");
        EventSignature two = EventSignature.parse("Paid(address indexed to, uint256 amount, bytes memo)");
        assertThat(one.name()).isEqualTo(two.name());
        assertThat(one.topic0()).isNotEqualTo(two.topic0());
        assertThat(one).isNotEqualTo(two).isEqualTo(EventSignature.parse("event Paid(address indexed to, uint amount)"));
    }

    private static String word(long v) {
        return String.format("%064x", v);
    }
}
