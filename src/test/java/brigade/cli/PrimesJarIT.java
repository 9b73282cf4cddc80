package brigade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar as a user runs it: bounded memory, bad input, Ctrl-C. */
class PrimesJarIT {
  @TempDir Path dir;

  record Run(int exitCode, String out, String err) {
    List<String> errLines() {
      // Log lines (timestamped, from Logback) are not part of the command's own output.
      return err.lines().filter(l -> !l.isBlank() && !l.matches("^\\d\\d:\\d\\d:\\d\\d.*")).toList();
    }
  }

  private static Path jar() {
    String jar = System.getProperty("brigade.jar");
    assertTrue(jar != null && Files.isRegularFile(Path.of(jar)), "system property brigade.jar: " + jar);
    return Path.of(jar);
  }

  private ProcessBuilder java(String... args) {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar().toString()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectOutput(dir.resolve("out.txt").toFile())
        .redirectError(dir.resolve("err.txt").toFile());
  }

  private Run finish(Process p, long timeoutSeconds) throws Exception {
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out; stderr: " + Files.readString(dir.resolve("err.txt")));
    }
    return new Run(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
  }

  @Test
  void twoMillionNumbersIn256MegabytesCountPrimes() throws Exception {
    Run r = finish(java("primes", "check", "--range", "1..2000000", "--no-baseline", "--json").start(), 240);
    assertEquals(0, r.exitCode(), r.err());
    JsonNode report = new ObjectMapper().readTree(r.out());
    assertEquals(148933, report.get("primes").asLong());
    assertEquals(2_000_000, report.get("numbersIn").asLong());
    assertEquals(2_000_000, report.get("numbersOut").asLong());
  }

  @Test
  void aTraceAndATimelineOfTheSeedJob() throws Exception {
    Run r = finish(java("primes", "factor", "--random", "3000", "--no-baseline", "--fault-rate", "0.05",
        "--trace", "t.json", "--timeline", "t.svg", "--json").start(), 120);
    assertEquals(0, r.exitCode(), r.err());
    JsonNode report = new ObjectMapper().readTree(r.out());
    JsonNode trace = report.get("trace");
    assertEquals("t.json", trace.get("file").asText());
    assertTrue(trace.get("events").asLong() > 0, trace.toString());
    assertEquals(0, trace.get("cutByCap").asLong());
    brigade.trace.TraceCheck t = brigade.trace.TraceCheck.of(dir.resolve("t.json"));
    assertEquals(report.get("batches").asLong() + report.get("retries").asLong(),
        t.slices().stream().filter(e -> e.get("name").asText().startsWith("batch")).count());
    assertTrue(Files.readString(dir.resolve("t.svg")).contains("<svg"));
    for (JsonNode w : report.get("workers")) {
      assertTrue(w.get("utilisation").asDouble() > 0, w.toString());
      assertTrue(w.get("longestIdleMillis").asDouble() >= 0, w.toString());
    }
  }

  @Test
  void aTracePathThatCannotBeWrittenOrANegativeCapIsOneLineAndExitTwo() throws Exception {
    Run r = finish(java("primes", "factor", "--trace", "no/such/dir/t.json").start(), 120);
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.errLines().get(0).startsWith("brigade primes factor: invalid setting brigade.trace.file = "
        + "'no/such/dir/t.json' (from flag --trace): cannot write the trace file: directory "), r.err());
    Run cap = finish(java("primes", "factor", "--trace", "t.json", "-Dbrigade.trace.max-events=-1").start(), 120);
    assertEquals(2, cap.exitCode(), cap.err());
    assertEquals(1, cap.errLines().size(), cap.err());
    assertTrue(cap.errLines().get(0).contains("brigade.trace.max-events = '-1'"), cap.err());
    assertTrue(Files.notExists(dir.resolve("t.json")), "refused before anything was written");
  }

  @Test
  void badFileIsOneLineAndExitTwo() throws Exception {
    Path bad = dir.resolve("bad.txt");
    Files.writeString(bad, "97\r\n# fine so far\r\n18446744073709551616\r\n", StandardCharsets.UTF_8);
    Run r = finish(java("primes", "factor", "--file", bad.toString()).start(), 120);
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(List.of("brigade primes factor: file '" + bad + "' line 3: '18446744073709551616' is larger than"
        + " 2^63-1; expected a whole number from 0 to 2^63-1 (9223372036854775807) on each line (blank lines and #"
        + " comments are skipped)"), r.errLines());
    assertEquals("", r.out());
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void ctrlCPrintsThePartialReportFlushesTheCsvAndExits130() throws Exception {
    Path csv = dir.resolve("part.csv");
    // Heavy numbers for trial division: minutes of work, stopped after a few seconds.
    Process p = java("primes", "factor", "--random", "2000000", "--min", "1000000000000", "--max", "10000000000000",
        "--no-baseline", "--json", "--output", csv.toString(), "--trace", "interrupted.json").start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (lines(csv) < 200 && System.nanoTime() < deadline && p.isAlive()) Thread.sleep(100);
    assertTrue(p.isAlive(), "ended before Ctrl-C: " + Files.readString(dir.resolve("err.txt")));
    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
    Run r = finish(p, 60);
    assertEquals(130, r.exitCode(), r.err());
    JsonNode report = new ObjectMapper().readTree(r.out());
    assertTrue(report.get("interrupted").asBoolean(), r.out());
    long out = report.get("numbersOut").asLong();
    assertTrue(out >= 199 && out < 2_000_000, r.out());
    // Everything reported is in the CSV, complete lines only, nothing more.
    List<String> rows = Files.readAllLines(csv);
    assertEquals("number,prime,factors", rows.get(0));
    assertEquals(out, rows.size() - 1);
    assertTrue(Files.readString(csv).endsWith("\n"));
    for (String row : rows.subList(1, rows.size())) assertTrue(row.matches("\\d+,(true|false),[\\d ]+"), row);
    // The trace of a run cut short by Ctrl-C is a complete, valid file.
    brigade.trace.TraceCheck trace = brigade.trace.TraceCheck.of(dir.resolve("interrupted.json"));
    assertTrue(trace.slices().size() > 0);
    assertEquals(report.get("trace").get("events").asLong(), trace.other("events").asLong());
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void ctrlCDuringLaterTimedRoundsKeepsTheResultsAndTheRoundsThatFinished() throws Exception {
    Path csv = dir.resolve("rounds.csv");
    // A job of ~0.1 s timed 1000 times: Ctrl-C comes once the first round's results are in the CSV.
    Process p = java("primes", "factor", "--random", "20000", "--baseline", "--warmup", "0s", "--repeat", "1000",
        "--json", "--output", csv.toString()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (lines(csv) < 20_001 && System.nanoTime() < deadline && p.isAlive()) Thread.sleep(100);
    Thread.sleep(1000);
    assertTrue(p.isAlive(), "ended before Ctrl-C: " + Files.readString(dir.resolve("err.txt")));
    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
    Run r = finish(p, 60);
    assertEquals(130, r.exitCode(), r.err());
    JsonNode report = new ObjectMapper().readTree(r.out());
    assertTrue(report.get("interrupted").asBoolean(), r.out());
    assertEquals(20_000, report.get("numbersOut").asLong(), r.out());
    int runs = report.get("runs").asInt();
    assertTrue(runs >= 1 && runs < 1000, r.out());
    assertTrue(report.get("sequentialMillis").asDouble() > 0, r.out());
    assertEquals(20_001, Files.readAllLines(csv).size()); // the first run's results, once
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void ctrlCBeforeTheWorkStartsIsOneLineAndLeavesNoOutputFile() throws Exception {
    Path csv = dir.resolve("early.csv");
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    // Standard input that never ends: the run waits in its input check, before any work.
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + tmp, "-jar", jar().toString(), "primes", "factor", "--file", "-", "--output",
        csv.toString()));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
    // The copy of standard input appears once the run is reading it, with Ctrl-C already handled.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (isEmpty(tmp) && System.nanoTime() < deadline && p.isAlive()) Thread.sleep(50);
    assertTrue(!isEmpty(tmp), "never started reading: " + Files.readString(dir.resolve("err.txt")));
    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
    Run r = finish(p, 60);
    p.getOutputStream().close();
    assertEquals(130, r.exitCode(), r.err());
    assertEquals(List.of("brigade primes factor: interrupted before work started"), r.errLines());
    assertEquals("", r.out());
    assertTrue(!Files.exists(csv), "no output file that holds nothing");
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void ctrlCTwiceStopsWaitingForTheBatchesInFlight() throws Exception {
    Path csv = dir.resolve("twice.csv");
    // Batches of 5,000 heavy numbers, seconds each: finishing the ones in flight would take a while.
    Process p = java("primes", "factor", "--random", "2000000", "--min", "1000000000000", "--max", "10000000000000",
        "--batch-size", "5000", "--no-baseline", "--json", "--output", csv.toString()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    // The job runs once its first batch is in the CSV; then Ctrl-C once: it says what it waits for.
    while (lines(csv) < 2 && System.nanoTime() < deadline && p.isAlive()) Thread.sleep(50);
    assertTrue(p.isAlive(), "ended early: " + Files.readString(dir.resolve("err.txt")));
    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
    while (!Files.readString(dir.resolve("err.txt")).contains("Ctrl-C again to stop now")
        && System.nanoTime() < deadline && p.isAlive()) {
      Thread.sleep(20);
    }
    assertTrue(Files.readString(dir.resolve("err.txt")).contains("interrupted: stopping; batches in flight finish"),
        Files.readString(dir.resolve("err.txt")));
    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
    Run r = finish(p, 30);
    assertEquals(130, r.exitCode(), r.err());
    assertTrue(r.err().contains("stopping now (Ctrl-C again): batches in flight are abandoned"), r.err());
    JsonNode report = new ObjectMapper().readTree(r.out());
    assertTrue(report.get("interrupted").asBoolean(), r.out());
    assertEquals(report.get("numbersOut").asLong(), Files.readAllLines(csv).size() - 1, r.out());
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  private static long lines(Path f) throws IOException {
    if (!Files.exists(f)) return 0;
    try (var s = Files.lines(f)) {
      return s.count();
    }
  }
}
