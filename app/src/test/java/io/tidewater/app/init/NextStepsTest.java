package io.tidewater.app.init;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NextStepsTest {
    @Test
    void fromTheCheckoutTheLauncherIsDotSlash() {
        assertThat(NextSteps.lines(Path.of("my-token"), "my-token-0.1.0.jar", Path.of("/src/tidewater"), Path.of("/src/tidewater")))
                .containsExactly(
                        "(cd my-token && mvn package)",
                        "./tidewater index --rpc-url URL --from-block B --to-block B --indexer-jar my-token/target/my-token-0.1.0.jar",
                        "./tidewater replay --indexer-jar my-token/target/my-token-0.1.0.jar --input logs.jsonl");
    }

    @Test
    void fromElsewhereTheLauncherIsNamedByAPathThatReachesIt() {
        assertThat(NextSteps.lines(Path.of("my-token"), "my-token-0.1.0.jar", Path.of("/src/tidewater"), Path.of("/home/me/work")))
                .element(1).asString().startsWith("/src/tidewater/tidewater index ");
        assertThat(NextSteps.lines(Path.of("p"), "p-0.1.0.jar", Path.of("/home/me/work/tw"), Path.of("/home/me/work")))
                .element(2).isEqualTo("./tw/tidewater replay --indexer-jar p/target/p-0.1.0.jar --input logs.jsonl");
    }

    @Test
    void withoutACheckoutTheLauncherIsLookedUpOnThePath() {
        assertThat(NextSteps.lines(Path.of("/abs/p"), "p-0.1.0.jar", null, Path.of("/x")))
                .element(1).asString().startsWith("tidewater index ").endsWith("--indexer-jar /abs/p/target/p-0.1.0.jar");
    }
}
