package io.tidewater.app.ingest;

import io.tidewater.examples.erc20.reference.Erc20Reference;
import io.tidewater.examples.erc20.sim.SimTransfer;
import io.tidewater.testkit.node.SimulatedChain;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The ERC20 tables that a simulated chain's canonical Transfers imply, by the plain reference model. */
public final class ExpectedTables {
    private ExpectedTables() {
    }

    public static Map<String, TreeMap<String, Map<String, Object>>> of(SimulatedChain chain) {
        List<SimTransfer> transfers = chain.canonicalLogs().stream()
                .filter(l -> l.topics().get(0).equals(SimulatedChain.TRANSFER_TOPIC))
                .map(l -> new SimTransfer(chain.chainId(), l.blockNumber(), l.blockHash(),
                        chain.block(l.blockNumber()).orElseThrow().timestamp(), l.logIndex(), l.txHash(), l.address(), l.from(), l.to(),
                        l.value()))
                .toList();
        return Erc20Reference.tables(transfers);
    }
}
