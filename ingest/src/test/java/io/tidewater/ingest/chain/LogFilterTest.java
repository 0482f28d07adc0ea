package io.tidewater.ingest.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewater.topology.Subscriptions;
import io.tidewater.topology.api.Contracts;
import io.tidewater.topology.api.EntityDefinition;
import io.tidewater.topology.api.EventSignature;
import io.tidewater.topology.api.HandlerRegistry;
import io.tidewater.topology.api.Indexer;
import io.tidewater.topology.api.Subscription;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class LogFilterTest {
    private static final EventSignature TRANSFER = EventSignature.parse("Transfer(address indexed from, address indexed to, uint256 value)");
    private static final EventSignature APPROVAL = EventSignature.parse("Approval(address indexed owner, address indexed spender, uint256 value)");
    private static final String USDC = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48";
    private static final String WETH = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2";

    private static List<Subscription> declared(Consumer<HandlerRegistry> handlers) {
        return Subscriptions.of(new Indexer() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public List<EntityDefinition<?>> entities() {
                return List.of();
            }

            @Override
            public void registerHandlers(HandlerRegistry registry) {
                handlers.accept(registry);
            }
        });
    }

    @Test
    void anIndexersEventsAndItsContractsOnTheChainChooseTheLogs() {
        List<Subscription> subs = declared(r -> r.on(TRANSFER, Contracts.on(1, USDC).and(10, WETH), ctx -> { })
                .on(APPROVAL, Contracts.on(1, WETH), ctx -> { }));
        LogFilter mainnet = LogFilter.of(subs, 1);
        assertThat(mainnet.topic0s()).containsExactlyInAnyOrder(TRANSFER.topic0(), APPROVAL.topic0());
        assertThat(mainnet.addresses()).containsExactlyInAnyOrder(USDC, WETH);
        LogFilter optimism = LogFilter.of(subs, 10);
        assertThat(optimism.topic0s()).containsExactly(TRANSFER.topic0());
        assertThat(optimism.addresses()).containsExactly(WETH);
    }

    @Test
    void anEventOfAnyContractLiftsTheAddressFilter() {
        LogFilter filter = LogFilter.of(declared(r -> r.on(TRANSFER, ctx -> { }).on(APPROVAL, Contracts.on(1, USDC), ctx -> { })), 1);
        assertThat(filter.addresses()).isEmpty();
        assertThat(filter.topic0s()).hasSize(2);
    }

    @Test
    void nothingDeclaredForTheChainIsAnError() {
        List<Subscription> subs = declared(r -> r.on(TRANSFER, Contracts.on(10, WETH), ctx -> { }).on("Swap", ctx -> { }));
        assertThatThrownBy(() -> LogFilter.of(subs, 1)).hasMessageContaining("chain 1").hasMessageContaining("Swap");
    }

    @Test
    void addressesAndTopicsAreChecked() {
        assertThatThrownBy(() -> new LogFilter(List.of("0x12"), List.of())).hasMessageContaining("0x12");
        assertThatThrownBy(() -> new LogFilter(List.of(), List.of("0xdd"))).hasMessageContaining("topic");
        assertThat(new LogFilter(List.of(USDC.toUpperCase().replace("0X", "0x")), List.of()).addresses()).containsExactly(USDC);
    }
}
