package brigade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that can be read only once, and outputs that fail: what a real process and a real shell do. */
@EnabledOnOs(OS.LINUX)
class InputOutputJarIT {
  @TempDir Path dir;

  record Run(int exitCode, String out, String err) {
    /** The command's own lines (no Logback lines). */
    List<String> errLines() {
      return err.lines().filter(l -> !l.isBlank() && !l.matches("^\\d\\d:\\d\\d:\\d\\d.*")).toList();
    }
  }

  /** Runs {@code shell} (bash) with $BRIGADE standing for the jar's command line. */
  private Run sh(String shell) throws Exception {
    String jar = System.getProperty("brigade.jar");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of("bash", "-c", shell));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
    pb.environment().put("BRIGADE", java + " -Xmx256m -jar " + jar);
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + shell);
    }
    return new Run(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
  }

  @Test
  void aPipeIsReadOnceAndEveryNumberAnswered() throws Exception {
    for (String file : List.of("-", "/dev/stdin")) {
      Run r = sh("seq 1 1000 | $BRIGADE primes factor --file " + file + " --json --output r.csv");
      assertEquals(0, r.exitCode(), r.err());
      JsonNode report = new ObjectMapper().readTree(r.out());
      assertEquals(1000, report.get("numbersIn").asLong(), r.out());
      assertEquals(1000, report.get("numbersOut").asLong(), r.out());
      assertEquals(true, report.get("baselineAgrees").asBoolean(), r.out()); // the baseline read the same numbers
      assertEquals(1001, Files.readAllLines(dir.resolve("r.csv")).size());
    }
    Run named = sh("$BRIGADE primes check --file <(seq 1 100) --no-baseline --json");
    assertEquals(0, named.exitCode(), named.err());
    assertEquals(25, new ObjectMapper().readTree(named.out()).get("primes").asLong());
  }

  @Test
  void aBadLineInAPipeIsOneLineAndExit2() throws Exception {
    Run r = sh("printf '1\\n2\\nx3\\n' | $BRIGADE primes factor --file -");
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(List.of("brigade primes factor: standard input line 3: 'x3' is not a whole number; expected a whole "
        + "number from 0 to 2^63-1 (9223372036854775807) on each line (blank lines and # comments are skipped)"),
        r.errLines());
  }

  @Test
  void aReportThatCannotBeWrittenIsOneLineAndExit1() throws Exception {
    Run r = sh("$BRIGADE primes check 97 --json --no-baseline > /dev/full");
    assertEquals(1, r.exitCode(), r.err());
    assertEquals(List.of("brigade: cannot write to standard output: No space left on device"), r.errLines());
  }

  @Test
  void aCsvThatCannotBeWrittenIsOneLineAndExit1() throws Exception {
    Run r = sh("$BRIGADE primes factor --random 100000 --no-baseline --output /dev/full");
    assertEquals(1, r.exitCode(), r.err());
    assertEquals(List.of("brigade primes factor: failed: cannot write output file '/dev/full': No space left on device"),
        r.errLines());
    assertTrue(r.out().contains("numbers     in "), "what was computed is reported: " + r.out());
  }

  @Test
  void aClusterPortInUseIsOneLineWithNoLogNoise() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      Run r = sh("$BRIGADE primes check 97 --cluster --host 127.0.0.1 --port " + taken.getLocalPort());
      assertEquals(2, r.exitCode(), r.err());
      // Every line on stderr, log lines included: only the one.
      assertEquals(List.of("brigade primes check: cannot bind 127.0.0.1:" + taken.getLocalPort() + ": the address is in "
          + "use or not local to this machine (pick another with --port / --host)"), r.err().lines().toList());
    }
  }
}
