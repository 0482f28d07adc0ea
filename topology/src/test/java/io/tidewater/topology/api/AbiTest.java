package io.tidewater.topology.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AbiTest {
    static final String ABI = """
            [
              {"type": "function", "name": "transfer", "inputs": [{"name": "to", "type": "address"}, {"name": "value", "type": "uint256"}],
               "outputs": [{"name": "", "type": "bool"}], "stateMutability": "nonpayable"},
              {"type": "event", "name": "Transfer", "anonymous": false, "inputs": [
                {"name": "from", "type": "address", "indexed": true},
                {"name": "to", "type": "address", "indexed": true},
                {"name": "value", "type": "uint256", "indexed": false}]},
              {"type": "event", "name": "Paid", "anonymous": false, "inputs": [
                {"name": "to", "type": "address", "indexed": true}, {"name": "amount", "type": "uint256", "indexed": false}]},
              {"type": "event", "name": "Paid", "anonymous": false, "inputs": [
                {"name": "to", "type": "address", "indexed": true}, {"name": "amount", "type": "uint256", "indexed": false},
                {"name": "memo", "type": "bytes", "indexed": false}]},
              {"type": "event", "name": "Order", "anonymous": false, "inputs": [
                {"name": "order", "type": "tuple", "indexed": false, "components": [
                  {"name": "maker", "type": "address"}, {"name": "amounts", "type": "uint256[]"}]}]},
              {"type": "event", "name": "Hidden", "anonymous": true, "inputs": []}
            ]
            """;

    @Test
    void eventsComeFromTheAbiAndFunctionsAndAnonymousOnesAreLeftOut() {
        Abi abi = Abi.parse(ABI);
        assertThat(abi.events()).extracting(EventSignature::canonical).containsExactly(
                "Transfer(address,address,uint256)", "Paid(address,uint256)", "Paid(address,uint256,bytes)",
                "Order((address,uint256[]))");
        EventSignature transfer = abi.event("Transfer");
        assertThat(transfer).isEqualTo(EventSignature.parse("Transfer(address indexed from, address indexed to, uint256 value)"));
        assertThat(transfer.toString()).isEqualTo("Transfer(address indexed from, address indexed to, uint256 value)");
        assertThat(abi.event("Order").params()).containsExactly(new EventParam("order", "(address,uint256[])", false));
    }

    @Test
    void anOverloadedNameMustBeNamedBySignature() {
        Abi abi = Abi.parse(ABI);
        assertThatThrownBy(() -> abi.event("Paid"))
                .hasMessageContaining("several events named Paid (Paid(address,uint256), Paid(address,uint256,bytes))");
        assertThat(abi.event("Paid(address,uint256,bytes)").params()).hasSize(3);
        assertThat(abi.event("Paid(address indexed to, uint256 amount)").params()).hasSize(2);
        assertThatThrownBy(() -> abi.event("Approval")).hasMessageContaining("has no event Approval");
    }

    @Test
    void aCompilerArtifactIsReadThroughItsAbiField(@TempDir Path dir) throws Exception {
        Path artifact = dir.resolve("Token.json");
        Files.writeString(artifact, "{\"contractName\": \"Token\", \"abi\": " + ABI + ", \"bytecode\": \"0x00\"}");
        assertThat(Abi.load(artifact).events()).hasSize(4);
    }

    @Test
    void aBadAbiNamesTheFileAndTheProblem(@TempDir Path dir) throws Exception {
        Path notJson = dir.resolve("broken.json");
        Files.writeString(notJson, "[{\"type\": \"event\",");
        assertThatThrownBy(() -> Abi.load(notJson)).hasMessageContaining("ABI file " + notJson).hasMessageContaining("not valid JSON");
        Path notAbi = dir.resolve("object.json");
        Files.writeString(notAbi, "{\"name\": \"x\"}");
        assertThatThrownBy(() -> Abi.load(notAbi)).hasMessageContaining("is not a JSON ABI");
        Path badType = dir.resolve("type.json");
        Files.writeString(badType, "[{\"type\": \"event\", \"name\": \"X\", \"inputs\": [{\"name\": \"a\", \"type\": \"uint7\", \"indexed\": false}]}]");
        assertThatThrownBy(() -> Abi.load(badType)).hasMessageContaining("ABI file " + badType).hasMessageContaining("invalid event");
        assertThatThrownBy(() -> Abi.load(dir.resolve("missing.json"))).hasMessageContaining("cannot read ABI file");
    }
}
