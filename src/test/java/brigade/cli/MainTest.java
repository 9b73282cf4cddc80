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

  @Test
  void aCommandLineBuildsOnlyTheSubcommandItStartsWithElseAll() {
    assertEquals(java.util.Set.of("primes"), Main.commandLine(new String[] {"primes", "check", "97"}).getSubcommands().keySet());
    assertEquals(java.util.Set.of("restaurant"), Main.commandLine(new String[] {"restaurant"}).getSubcommands().keySet());
    java.util.Set<String> all = java.util.Set.of("restaurant", "primes", "bench", "node");
    assertEquals(all, Main.commandLine(new String[] {"--help"}).getSubcommands().keySet());
    assertEquals(all, Main.commandLine(new String[0]).getSubcommands().keySet(), "the demonstration runs two of them");
    assertEquals(all, Main.commandLine(new String[] {"prims", "check"}).getSubcommands().keySet(), "for the suggestion");
    assertEquals(all, Main.commandLine().getSubcommands().keySet());
  }

  @Test
  void aJobRunInsideAnotherProgramHasNoProcessStartUp() {
    // Tests (and Maven's exec:java) run commands without Brigade's own main: the JVM's start is not Brigade's.
    org.junit.jupiter.api.Assertions.assertNull(Main.processStartupMillis(System.nanoTime()));
  }
}
