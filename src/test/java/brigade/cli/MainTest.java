package brigade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void versionNamesBrigadeAndAkka() {
    CliRun r = CliRun.of("--version");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().contains("brigade"), r.out());
    assertTrue(r.out().contains("Akka 2.8.5"), r.out());
  }

  @Test
  void helpListsExitCodes() {
    CliRun r = CliRun.of("--help");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().contains("130"), r.out());
    assertTrue(r.out().contains("--config"), r.out());
  }

  @Test
  void unknownOptionIsOneLineAndExitTwo() {
    CliRun r = CliRun.of("--frobnicate");
    assertEquals(2, r.exitCode());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().contains("--frobnicate"), r.err());
  }

  @Test
  void missingConfigFileIsOneLineAndExitTwo() {
    // Config is loaded by subcommands; the root's demo is exercised by the subcommands' own tests.
    CliRun r = CliRun.of("--config", "no/such/file.conf", "no-such-command");
    assertEquals(2, r.exitCode());
    assertEquals(1, r.errLines().size(), r.err());
  }
}
