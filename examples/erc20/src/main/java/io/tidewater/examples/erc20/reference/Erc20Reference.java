package io.tidewater.examples.erc20.reference;

import io.tidewater.examples.erc20.sim.SimTransfer;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ERC20 rules (docs/architecture.md, The reference indexer: ERC20) applied to canonical history only, written plainly and apart
 * from the engine (no store, no undo, no reorgs), as the yardstick for tests.
 * Rows use the Postgres column names; numbers are Long or BigInteger.
 */
public final class Erc20Reference {
    private static final String ZERO = "0x0000000000000000000000000000000000000000";

    private Erc20Reference() {
    }

    public static Map<String, TreeMap<String, Map<String, Object>>> tables(List<SimTransfer> canonical) {
        TreeMap<String, Map<String, Object>> tokens = new TreeMap<>();
        TreeMap<String, Map<String, Object>> balances = new TreeMap<>();
        TreeMap<String, Map<String, Object>> transfers = new TreeMap<>();
        for (SimTransfer t : canonical) {
            String tokenId = t.chainId() + "-" + t.token();
            Map<String, Object> token = tokens.computeIfAbsent(tokenId, id -> row(
                    "id", id, "chain_id", t.chainId(), "address", t.token(),
                    "total_transfers", 0L, "volume", BigInteger.ZERO, "holders", 0L));
            token.put("total_transfers", (Long) token.get("total_transfers") + 1);
            token.put("volume", ((BigInteger) token.get("volume")).add(t.value()));
            if (!ZERO.equals(t.from())) {
                move(balances, token, tokenId, t.from(), t.value().negate());
            }
            if (!ZERO.equals(t.to())) {
                move(balances, token, tokenId, t.to(), t.value());
            }
            String id = t.chainId() + "-" + t.blockNumber() + "-" + t.logIndex();
            transfers.put(id, row("id", id, "chain_id", t.chainId(), "block_number", t.blockNumber(),
                    "log_index", t.logIndex(), "token", tokenId, "from", t.from(), "to", t.to(),
                    "value", t.value(), "block_timestamp", t.blockTimestamp()));
        }
        Map<String, TreeMap<String, Map<String, Object>>> out = new LinkedHashMap<>();
        out.put("token", tokens);
        out.put("balance", balances);
        out.put("transfer", transfers);
        return out;
    }

    private static void move(TreeMap<String, Map<String, Object>> balances, Map<String, Object> token, String tokenId,
            String holder, BigInteger delta) {
        String id = tokenId + "-" + holder;
        Map<String, Object> balance = balances.get(id);
        BigInteger before = balance == null ? BigInteger.ZERO : (BigInteger) balance.get("amount");
        BigInteger after = before.add(delta);
        if (after.signum() == 0) {
            if (balance != null) {
                balances.remove(id);
                token.put("holders", (Long) token.get("holders") - 1);
            }
            return;
        }
        if (balance == null) {
            token.put("holders", (Long) token.get("holders") + 1);
        }
        balances.put(id, row("id", id, "token", tokenId, "holder", holder, "amount", after));
    }

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            row.put((String) kv[i], kv[i + 1]);
        }
        return row;
    }
}
