package brigade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import brigade.bench.ResultsCsv;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The bench as a user runs it from the shaded jar: Ctrl-C keeps what was measured. */
class BenchJarIT {
  @TempDir Path dir;

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void ctrlCWritesWhatWasMeasuredAndExits130() throws Exception {
    String jar = System.getProperty("brigade.jar");
    assertTrue(jar != null && Files.isRegularFile(Path.of(jar)), "system property brigade.jar: " + jar);
    Path out = dir.resolve("results");
    Path err = dir.resolve("err.txt");
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar,
        "bench", "--random", "5000", "--pool-sizes", "1,2", "--batch-sizes", "64", "--dispatch", "push",
        "--repeat", "1000", "--warmup", "0s", "--out", out.toString()));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(err.toFile()).start();
    // The first stderr line comes once the Ctrl-C handler is in place; then let it measure a little.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (p.isAlive() && System.nanoTime() < deadline && !Files.readString(err).contains("bench: 2 points")) {
      Thread.sleep(100);
    }
    Thread.sleep(3000);
    assertTrue(p.isAlive(), "ended before Ctrl-C: " + Files.readString(err));
    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("no exit after Ctrl-C; stderr: " + Files.readString(err));
    }
    String stdout = Files.readString(dir.resolve("out.txt"));
    assertEquals(130, p.exitValue(), Files.readString(err));
    assertTrue(stdout.contains("INTERRUPTED"), stdout);

    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    assertEquals(ResultsCsv.HEADER, csv.get(0));
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertTrue(summary.get("interrupted").asBoolean());
    assertEquals(2000, summary.get("runsPlanned").asInt());
    assertEquals(csv.size() - 1, summary.get("runsMeasured").asInt(), "every measured run is in the CSV");
    assertTrue(csv.size() - 1 < 2000, "stopped early");
    if (csv.size() > 1) assertTrue(Files.size(out.resolve("speedup.png")) > 0);
  }
}
