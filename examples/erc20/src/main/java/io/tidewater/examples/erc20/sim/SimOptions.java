package io.tidewater.examples.erc20.sim;

/**
 * Shape of a simulated stream. Probabilities are per generated block.
 *
 * @param chains chain ids, interleaved at random on one partition
 * @param tokensPerChain ERC20 contracts per chain
 * @param holders addresses per chain that receive and send tokens
 * @param maxLogsPerBlock logs in a block, uniformly 0..max
 * @param reorgProbability chance that a step reorgs its chain instead of extending it
 * @param maxReorgDepth deepest reorg generated, in blocks
 * @param duplicateProbability chance that a step re-sends the logs of a recent canonical block
 * @param headerProbability chance that a block with logs is also announced by a header record
 */
public record SimOptions(long[] chains, int tokensPerChain, int holders, int maxLogsPerBlock, double reorgProbability,
        int maxReorgDepth, double duplicateProbability, double headerProbability) {

    /** Small and busy: every kind of reorg and duplicate within a few hundred records. */
    public static SimOptions small() {
        return new SimOptions(new long[] {1, 10}, 3, 12, 4, 0.08, 6, 0.08, 0.3);
    }

    public static SimOptions withReorgDepth(int maxDepth) {
        SimOptions s = small();
        return new SimOptions(s.chains(), s.tokensPerChain(), s.holders(), s.maxLogsPerBlock(), s.reorgProbability(),
                maxDepth, s.duplicateProbability(), s.headerProbability());
    }
}
