package io.tidewater.examples.erc20;

import io.tidewater.serdes.Params;
import io.tidewater.topology.api.Handler;
import io.tidewater.topology.api.HandlerContext;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Applies one Transfer: the token's counters, the sender's and the receiver's balances (in
 * that order, so a self-transfer goes through both steps), and the transfer itself. Mints and
 * burns skip the zero address. A balance that reaches exactly zero is deleted and the token
 * loses a holder; a balance created gains one.
 */
final class TransferHandler implements Handler {
    static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

    @Override
    public void handle(HandlerContext ctx) {
        Params params = ctx.event().params();
        String from = params.address("from");
        String to = params.address("to");
        BigInteger value = params.bigInteger("value");
        long chainId = ctx.chainId();
        String address = ctx.log().address();
        String tokenId = chainId + "-" + address;

        Token token = ctx.get(Token.class, tokenId).orElseGet(() -> Token.newBuilder()
                .setId(tokenId).setChainId(chainId).setAddress(address)
                .setTotalTransfers(0).setVolume(BigDecimal.ZERO).setHolders(0).build());
        token.setTotalTransfers(token.getTotalTransfers() + 1);
        token.setVolume(token.getVolume().add(new BigDecimal(value)));

        if (!isZero(from)) {
            move(ctx, token, from, value.negate());
        }
        if (!isZero(to)) {
            move(ctx, token, to, value);
        }
        ctx.set(token);

        ctx.set(Transfer.newBuilder()
                .setId(chainId + "-" + ctx.block().number() + "-" + ctx.log().index())
                .setChainId(chainId)
                .setBlockNumber(ctx.block().number())
                .setLogIndex(ctx.log().index())
                .setToken(tokenId)
                .setFrom(from)
                .setTo(to)
                .setValue(new BigDecimal(value))
                .setBlockTimestamp(ctx.block().timestamp())
                .build());
    }

    private static void move(HandlerContext ctx, Token token, String holder, BigInteger delta) {
        String id = token.getId() + "-" + holder;
        Balance balance = ctx.get(Balance.class, id).orElse(null);
        BigInteger before = balance == null ? BigInteger.ZERO : balance.getAmount().toBigIntegerExact();
        BigInteger after = before.add(delta);
        if (after.signum() == 0) {
            if (balance != null) {
                ctx.delete(Balance.class, id);
                token.setHolders(token.getHolders() - 1);
            }
            return;
        }
        if (balance == null || before.signum() == 0) {
            token.setHolders(token.getHolders() + 1);
        }
        ctx.set(Balance.newBuilder().setId(id).setToken(token.getId()).setHolder(holder)
                .setAmount(new BigDecimal(after)).build());
    }

    private static boolean isZero(String address) {
        return ZERO_ADDRESS.equalsIgnoreCase(address);
    }
}
