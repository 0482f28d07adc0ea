package io.tidewater.app.init;

import io.tidewater.topology.api.Abi;
import io.tidewater.topology.api.EventSignature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The flags of {@code tidewater init}, turned into a {@link ProjectSpec}. Every problem is an
 * {@link IllegalArgumentException} that names the flag or file.
 *
 * @param dir      where the project goes; new or empty
 * @param abiFile  a JSON ABI or compiler artifact; its events, or those {@code events} name
 * @param events   signatures, or with an ABI, names or signatures of its events to keep
 * @param contract the contract to index, with {@code chainId}
 * @param chainId  the contract's chain
 * @param name     the artifact id; default: the directory's name
 * @param javaPackage the package; default: {@code com.example.<name>}
 */
public record InitRequest(Path dir, Optional<Path> abiFile, List<String> events, Optional<String> contract, Optional<Long> chainId,
        Optional<String> name, Optional<String> javaPackage) {

    ProjectSpec toSpec() throws IOException {
        String artifact = name.orElseGet(() -> dir.toAbsolutePath().normalize().getFileName().toString()).toLowerCase(Locale.ROOT);
        if (!artifact.matches("[a-z][a-z0-9._-]*")) {
            throw new IllegalArgumentException("--name: '" + artifact + "' is not a Maven artifact id (letters, digits, . _ -, "
                    + "starting with a letter); name the project with --name");
        }
        String pkg = javaPackage.orElse("com.example." + Java.packageSegment(artifact));
        if (!pkg.matches("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*")) {
            throw new IllegalArgumentException("--package: '" + pkg + "' is not a Java package name");
        }
        if (contract.isPresent() != chainId.isPresent()) {
            throw new IllegalArgumentException("--contract and --chain-id go together: the contract's address and its chain");
        }
        Optional<ProjectSpec.Contract> only = Optional.empty();
        if (contract.isPresent()) {
            String address = contract.get().toLowerCase(Locale.ROOT);
            if (!address.matches("0x[0-9a-f]{40}")) {
                throw new IllegalArgumentException("--contract: '" + contract.get() + "' is not an address (0x + 40 hex digits)");
            }
            only = Optional.of(new ProjectSpec.Contract(chainId.get(), address));
        }
        String indexerClass = Java.pascal(artifact) + "Indexer";
        Optional<ProjectSpec.AbiResource> abi = Optional.empty();
        List<EventSignature> signatures = new ArrayList<>();
        if (abiFile.isPresent()) {
            Abi parsed = Abi.load(abiFile.get());
            if (events.isEmpty()) {
                signatures.addAll(parsed.events());
            } else {
                events.forEach(e -> signatures.add(parsed.event(e)));
            }
            if (signatures.isEmpty()) {
                throw new IllegalArgumentException("ABI file " + abiFile.get() + " declares no events to index");
            }
            abi = Optional.of(new ProjectSpec.AbiResource("abi/" + Java.pascal(artifact) + ".json",
                    Files.readString(abiFile.get(), StandardCharsets.UTF_8)));
        } else if (events.isEmpty()) {
            throw new IllegalArgumentException("give the events: --abi FILE.json, or --event SIGNATURE (repeatable)");
        } else {
            for (String e : events) {
                if (!EventSignature.isSignature(e)) {
                    throw new IllegalArgumentException("--event: '" + e + "' is a name; without --abi give the whole signature, "
                            + "e.g. Transfer(address indexed from, address indexed to, uint256 value)");
                }
                signatures.add(EventSignature.parse(e));
            }
        }
        return new ProjectSpec(artifact, pkg, indexerClass, EntityLayout.of(signatures, indexerClass), abi, only,
                BuildVersions.current());
    }
}
