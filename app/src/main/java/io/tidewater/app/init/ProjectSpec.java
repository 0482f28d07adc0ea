package io.tidewater.app.init;

import java.util.List;
import java.util.Optional;

/**
 * What {@code tidewater init} makes a project of.
 *
 * @param name         the Maven artifact id, e.g. {@code my-token}
 * @param javaPackage  e.g. {@code com.example.mytoken}
 * @param indexerClass e.g. {@code MyTokenIndexer}
 * @param entities     one per event
 * @param abi          the ABI's JSON and the resource it is copied to, when events come from one
 * @param contract     the contract to index and its chain; empty: any contract on any chain
 * @param versions     what the project builds against
 */
record ProjectSpec(String name, String javaPackage, String indexerClass, List<EntityLayout> entities,
        Optional<AbiResource> abi, Optional<Contract> contract, BuildVersions versions) {
    /** A JSON ABI shipped in the project's resources. */
    record AbiResource(String resource, String json) {
    }

    /** One contract on one chain. */
    record Contract(long chainId, String address) {
    }

    /** The chain the generated tests write to. */
    long testChain() {
        return contract.map(Contract::chainId).orElse(1L);
    }

    /** The contract the generated tests' logs come from. */
    String testContract() {
        return contract.map(Contract::address).orElse("0x00000000000000000000000000000000c0ffee00");
    }
}
