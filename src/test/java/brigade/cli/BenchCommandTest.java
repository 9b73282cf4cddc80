package brigade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import brigade.bench.ResultsCsv;
import brigade.report.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchCommandTest {
  @TempDir Path dir;

  @Test
  void tinySweepWritesEveryFileWithOneRowPerRun() throws Exception {
    Path out = dir.resolve("results");
    CliRun r = CliRun.of("bench", "--random", "200", "--pool-sizes", "1,2", "--batch-sizes", "auto,16",
        "--dispatch", "push,pull", "--repeat", "2", "--warmup", "0s", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err() + r.out());
    int points = 2 * 2 * 2;

    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    assertEquals(ResultsCsv.HEADER, csv.get(0));
    assertEquals(points * 2, csv.size() - 1);
    assertTrue(csv.stream().skip(1).allMatch(l -> l.startsWith("factor,trial,")), csv.toString());
    // auto: 2 pool sizes x 2 dispatch modes, each repeated twice.
    assertEquals(2 * 2 * 2, csv.stream().filter(l -> l.endsWith(",auto")).count(), csv.toString());

    JsonNode json = Json.mapper().readTree(out.resolve("summary.json").toFile());
    assertEquals(points, json.get("points").size());
    assertEquals(points * 2, json.get("runsMeasured").asInt());
    assertEquals(200, json.get("count").asInt());
    assertEquals(false, json.get("interrupted").asBoolean());
    assertTrue(json.get("best").get("speedup").get("median").asDouble() > 0);

    for (String chart : List.of("speedup", "batch-size", "actor-vs-forkjoin")) {
      assertTrue(Files.size(out.resolve(chart + ".png")) > 1000, chart);
      assertTrue(Files.readString(out.resolve(chart + ".svg")).contains("<svg"), chart);
    }
    // The table: one line per point, then the verdict.
    assertTrue(r.out().contains("best:"), r.out());
    assertTrue(r.out().contains("ideal:"), r.out());
    assertTrue(r.out().contains("Amdahl:"), r.out());
    assertTrue(r.out().contains("auto ("), r.out());
    assertEquals(points, r.out().lines().filter(l -> l.matches("(push|pull) +\\d+ .*")).count(), r.out());
  }

  @Test
  void checkJobWithFastAlgorithmAndSettingsFromDashD() throws Exception {
    Path out = dir.resolve("check");
    CliRun r = CliRun.of("bench", "-Dbrigade.bench.job=check", "-Dbrigade.bench.random=100", "--algorithm", "fast",
        "--pool-sizes", "2", "--batch-sizes", "7", "--dispatch", "pull", "--repeat", "1", "--warmup", "100ms",
        "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err() + r.out());
    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    assertEquals(2, csv.size());
    assertTrue(csv.get(1).startsWith("check,fast,pull,2,7,1,"), csv.get(1));
    // The summary gives the warm-up as it ran: its setting at least (it goes on while the JIT compiler is busy).
    long warmedUp = Json.mapper().readTree(out.resolve("summary.json").toFile()).get("warmupMillis").asLong();
    assertTrue(warmedUp >= 100, "warmupMillis " + warmedUp);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "--pool-sizes|0|brigade.bench.pool-sizes",
    "--pool-sizes|1,x|brigade.bench.pool-sizes",
    "--batch-sizes|auto,-4|brigade.bench.batch-sizes",
    "--dispatch|sideways|brigade.bench.dispatch",
    "--repeat|0|brigade.bench.repeat",
    "--warmup|soon|brigade.bench.warmup",
    "--job|guess|brigade.bench.job",
    "--algorithm|magic|brigade.bench.algorithm",
    "--random|0|brigade.bench.random",
    "--min|-5|brigade.bench.min",
  })
  void badFlagIsOneLineNamingSettingValueAndFlag(String flag, String value, String key) {
    CliRun r = CliRun.of("bench", flag, value, "--out", dir.resolve("never").toString());
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(1, r.errLines().size(), r.err());
    String line = r.errLines().get(0);
    assertTrue(line.startsWith("brigade bench: "), line);
    assertTrue(line.contains(key), line);
    assertTrue(line.contains(value), line);
    assertTrue(line.contains("flag " + flag), line);
    assertTrue(line.contains("expected"), line);
    assertTrue(Files.notExists(dir.resolve("never")), "nothing written for a bad flag");
  }

  @Test
  void minAboveMaxIsRejected() {
    CliRun r = CliRun.of("bench", "--min", "10", "--max", "5");
    assertEquals(2, r.exitCode());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().contains("min <= max"), r.err());
  }

  @Test
  void unknownFlagIsOneLine() {
    CliRun r = CliRun.of("bench", "--pool-size", "4");
    assertEquals(2, r.exitCode());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().contains("--pool-size"), r.err());
  }

  @Test
  void outputPathThatIsAFileIsRejectedBeforeMeasuring() throws Exception {
    Path file = Files.writeString(dir.resolve("taken"), "x");
    CliRun r = CliRun.of("bench", "--random", "10", "--warmup", "0s", "--out", file.toString());
    assertEquals(2, r.exitCode());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().contains("cannot create output directory"), r.err());
  }
}
