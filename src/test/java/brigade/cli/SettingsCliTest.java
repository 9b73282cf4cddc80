package brigade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import brigade.report.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue #12, the settings half: whole numbers, unknown keys, durations without a unit, --seed with --fault-rate,
 * from every source (flag, -D, config file) and in every command. Each bad value is one line and exit 2, and no
 * run starts (nothing on stdout).
 */
class SettingsCliTest {
  @TempDir Path dir;

  private static void refused(CliRun r, String expected) {
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertEquals(List.of(expected), r.errLines());
    assertEquals("", r.out());
  }

  // --- 1. fractions for whole-number settings ----------------------------------------------------------------

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
    "primes check 97 --no-baseline --pool-size 3.9 | brigade primes check: invalid setting brigade.primes.pool-size = '3.9' (from flag --pool-size): expected a whole number from 1 to 1024 or \"auto\"",
    "primes check 97 --no-baseline --max-retries 1.5 | brigade primes check: invalid setting brigade.primes.max-retries = '1.5' (from flag --max-retries): expected a whole number >= 0",
    "primes check 97 --no-baseline --batch-size 2.5 | brigade primes check: invalid setting brigade.primes.batch-size = '2.5' (from flag --batch-size): expected a whole number from 1 to 1000000 or \"auto\"",
    "primes check 97 --no-baseline --window 1.5 | brigade primes check: invalid setting brigade.primes.window = '1.5' (from flag --window): expected a whole number >= 1 or \"auto\"",
    "primes check 97 --no-baseline --repeat 2.5 | brigade primes check: invalid setting brigade.primes.repeat = '2.5' (from flag --repeat): expected a whole number from 1 to 1000 or \"auto\"",
    "primes check 97 --no-baseline -Dbrigade.primes.pool-size=2.5 | brigade primes check: invalid setting brigade.primes.pool-size = '2.5' (from -D on the command line): expected a whole number from 1 to 1024 or \"auto\"",
    "primes factor --random 2.5 | brigade primes factor: invalid setting brigade.primes.random-count = '2.5' (from flag --random): expected a whole number >= 1",
    "primes factor --min 1.5 | brigade primes factor: invalid setting brigade.primes.random-min = '1.5' (from flag --min): expected a whole number >= 0",
    "primes factor --max 1e9 | brigade primes factor: invalid setting brigade.primes.random-max = '1e9' (from flag --max): expected a whole number >= 0",
    "primes factor --seed 5.5 | brigade primes factor: invalid setting brigade.primes.seed = '5.5' (from flag --seed): expected a whole number from -2^63 to 2^63-1 (64 bits)",
    "primes check 97 --pool-size 3.0 | brigade primes check: invalid setting brigade.primes.pool-size = '3.0' (from flag --pool-size): expected a whole number from 1 to 1024 or \"auto\"",
    "primes check 97 --pool-size 99999999999999999999 | brigade primes check: invalid setting brigade.primes.pool-size = '99999999999999999999' (from flag --pool-size): expected a whole number from 1 to 1024 or \"auto\"",
    "restaurant -Dbrigade.restaurant.workers=2.9 | brigade restaurant: invalid setting brigade.restaurant.workers = '2.9' (from -D on the command line): expected a whole number from 1 to 10000",
    "restaurant -Dbrigade.restaurant.orders=10.5 | brigade restaurant: invalid setting brigade.restaurant.orders = '10.5' (from -D on the command line): expected a whole number from 0 to 1000000000",
    "restaurant -Dbrigade.restaurant.dishes=true | brigade restaurant: invalid setting brigade.restaurant.dishes = 'true' (from -D on the command line): expected a whole number from 1 to 100000000",
    "restaurant -Dbrigade.restaurant.seed=0.5 | brigade restaurant: invalid setting brigade.restaurant.seed = '0.5' (from -D on the command line): expected a whole number from -2^63 to 2^63-1 (64 bits)",
    "bench --repeat 2.5 | brigade bench: invalid setting brigade.bench.repeat = '2.5' (from flag --repeat): expected a whole number from 1 to 1000",
    "bench --random 100.5 | brigade bench: invalid setting brigade.bench.random = '100.5' (from flag --random): expected a whole number from 1 to 20000000",
    "bench --pool-sizes 1,2.5 | brigade bench: invalid setting brigade.bench.pool-sizes = '1,2.5' (from flag --pool-sizes): expected a non-empty list of whole numbers from 1 to 1024",
    "bench -Dbrigade.bench.seed=1.5 | brigade bench: invalid setting brigade.bench.seed = '1.5' (from -D on the command line): expected a whole number from -2^63 to 2^63-1 (64 bits)",
    "node --pool-size 1.5 | brigade node: invalid setting brigade.primes.pool-size = '1.5' (from flag --pool-size): expected a whole number from 1 to 1024 or \"auto\"",
    "node -Dbrigade.cluster.port=2552.5 | brigade node: invalid setting brigade.cluster.port = '2552.5' (from -D on the command line): expected a whole number from 0 to 65535",
  })
  void aFractionForAWholeNumberIsRefusedFromFlagsAndDashD(String args, String expected) {
    refused(CliRun.of(args.split(" ")), expected);
  }

  @Test
  void aFractionForAWholeNumberIsRefusedFromAConfigFile() throws Exception {
    Path f = dir.resolve("frac.conf");
    Files.writeString(f, "brigade.primes {\n  pool-size = 2.5\n}\n");
    refused(CliRun.of("primes", "check", "97", "--no-baseline", "--config", f.toString()),
        "brigade primes check: invalid setting brigade.primes.pool-size = 2.5 (from " + f + ": 2): "
            + "expected a whole number from 1 to 1024 or \"auto\"");
    Files.writeString(f, "brigade.restaurant.workers = 2.9\n");
    refused(CliRun.of("restaurant", "--config", f.toString()),
        "brigade restaurant: invalid setting brigade.restaurant.workers = 2.9 (from " + f + ": 1): "
            + "expected a whole number from 1 to 10000");
    // A whole number in quotes is still a whole number; a fraction in quotes is not.
    Files.writeString(f, "brigade.primes.max-retries = \"1.5\"\n");
    refused(CliRun.of("primes", "check", "97", "--no-baseline", "--config", f.toString()),
        "brigade primes check: invalid setting brigade.primes.max-retries = '1.5' (from " + f + ": 1): "
            + "expected a whole number >= 0");
  }

  @Test
  void restaurantWholeNumberFlagsRefuseFractionsToo() {
    CliRun r = CliRun.of("restaurant", "--workers", "2.5");
    assertEquals(2, r.exitCode());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().contains("'2.5'"), r.err());
  }

  @Test
  void wholeNumbersStillWorkFromEverySource() throws Exception {
    Path f = dir.resolve("ok.conf");
    Files.writeString(f, "brigade.primes.max-retries = \"2\"\nbrigade.primes.window = 3\n");
    CliRun r = CliRun.of("primes", "check", "97", "--no-baseline", "--json", "--config", f.toString(),
        "--pool-size", "+2", "-Dbrigade.primes.batch-size=1");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = Json.mapper().readTree(r.out());
    assertEquals(2, j.get("poolSize").asInt());
    assertEquals(1, j.get("batchSize").asInt());
    assertEquals(3, j.get("window").asInt());
  }

  // --- 2. unknown keys ---------------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
    "primes check 97 -Dbrigade.primes.pool-sise=3 | brigade primes check: unknown setting brigade.primes.pool-sise (from -D on the command line): did you mean brigade.primes.pool-size? (every setting is listed in conf/application.conf)",
    "primes factor -Dbrigade.primez.seed=3 | brigade primes factor: unknown setting brigade.primez.seed (from -D on the command line): did you mean brigade.primes.seed? (every setting is listed in conf/application.conf)",
    "restaurant -Dbrigade.restaurant.worker=3 | brigade restaurant: unknown setting brigade.restaurant.worker (from -D on the command line): did you mean brigade.restaurant.workers? (every setting is listed in conf/application.conf)",
    "bench -Dbrigade.bench.pool-size=3 | brigade bench: unknown setting brigade.bench.pool-size (from -D on the command line): did you mean brigade.bench.pool-sizes? (every setting is listed in conf/application.conf)",
    "node -Dbrigade.cluster.min-worker=2 | brigade node: unknown setting brigade.cluster.min-worker (from -D on the command line): did you mean brigade.cluster.min-workers? (every setting is listed in conf/application.conf)",
    "primes check 97 -Dbrigade.primes.worker-dispatcher.throughputt=2 | brigade primes check: unknown setting brigade.primes.worker-dispatcher.throughputt (from -D on the command line): did you mean brigade.primes.worker-dispatcher.throughput? (every setting is listed in conf/application.conf)",
    "primes check 97 -Dbrigade.pool-size=2 | brigade primes check: unknown setting brigade.pool-size (from -D on the command line): did you mean brigade.primes.pool-size? (every setting is listed in conf/application.conf)",
    "primes check 97 -Dbrigade.primes=3 | brigade primes check: setting brigade.primes (from -D on the command line) is a section, not a value: set the keys under it, such as brigade.primes.pool-size",
    "restaurant -Dbrigade=1 | brigade restaurant: setting brigade (from -D on the command line) is a section, not a value: set the keys under it, such as brigade.restaurant.workers",
  })
  void anUnknownBrigadeKeyIsOneLineWithTheNearestKnownOne(String args, String expected) {
    refused(CliRun.of(args.split(" ")), expected);
  }

  @Test
  void anUnknownKeyInAConfigFileNamesTheFileAndLine() throws Exception {
    Path f = dir.resolve("typo.conf");
    Files.writeString(f, "# mine\nbrigade.primes.pool-sise = 3\n");
    refused(CliRun.of("primes", "check", "97", "--config", f.toString()),
        "brigade primes check: unknown setting brigade.primes.pool-sise (from " + f + ": 2): did you mean "
            + "brigade.primes.pool-size? (every setting is listed in conf/application.conf)");
    Files.writeString(f, "brigade {\n  restaurant {\n    cook-tme = 1s\n  }\n}\n");
    refused(CliRun.of("restaurant", "--config", f.toString()),
        "brigade restaurant: unknown setting brigade.restaurant.cook-tme (from " + f + ": 3): did you mean "
            + "brigade.restaurant.cook-time? (every setting is listed in conf/application.conf)");
  }

  @Test
  void akkaKeysAndAkkaDispatcherSettingsAreLeftToAkka() throws Exception {
    Path f = dir.resolve("akka.conf");
    Files.writeString(f, "akka.some-future-setting = 1\n"
        + "brigade.primes.worker-dispatcher.fork-join-executor.task-peeking-mode = LIFO\n");
    CliRun r = CliRun.of("primes", "check", "97", "--no-baseline", "--config", f.toString(),
        "-Dakka.log-dead-letters=0", "-Dbrigade.primes.worker-dispatcher.throughput=2");
    assertEquals(0, r.exitCode(), r.err());
  }

  // --- 3. durations without a unit ---------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
    "primes check 97 --batch-timeout 2 | brigade primes check: invalid setting brigade.primes.batch-timeout = '2' (from flag --batch-timeout): expected a duration > 0 with a unit, such as 250ms, 2s or 1m (a bare number has no unit)",
    "primes check 97 -Dbrigade.primes.batch-timeout=2 | brigade primes check: invalid setting brigade.primes.batch-timeout = '2' (from -D on the command line): expected a duration > 0 with a unit, such as 250ms, 2s or 1m (a bare number has no unit)",
    "primes check 97 --batch-timeout 1.5 | brigade primes check: invalid setting brigade.primes.batch-timeout = '1.5' (from flag --batch-timeout): expected a duration > 0 with a unit, such as 250ms, 2s or 1m (a bare number has no unit)",
    "primes check 97 --warmup 3 | brigade primes check: invalid setting brigade.primes.warmup = '3' (from flag --warmup): expected \"auto\" or a duration >= 0 with a unit, such as 250ms, 2s or 1m (a bare number has no unit)",
    "primes check 97 --warmup 0 | brigade primes check: invalid setting brigade.primes.warmup = '0' (from flag --warmup): expected \"auto\" or a duration >= 0 with a unit, such as 250ms, 2s or 1m (a bare number has no unit)",
    "restaurant --cook-time 300 | brigade restaurant: invalid setting brigade.restaurant.cook-time = '300' (from flag --cook-time): expected a duration >= 0 with a unit, such as 250ms, 2s or 1m (a bare number has no unit)",
    "restaurant --close-timeout 30 | brigade restaurant: invalid setting brigade.restaurant.close-timeout = '30' (from flag --close-timeout): expected a duration > 0 with a unit, such as 250ms, 2s or 1m (a bare number has no unit)",
    "restaurant -Dbrigade.restaurant.duration=10 | brigade restaurant: invalid setting brigade.restaurant.duration = '10' (from -D on the command line): expected a duration >= 0 with a unit, such as 250ms, 2s or 1m (a bare number has no unit)",
    "restaurant --hard-stop worker-1@500 | brigade restaurant: --hard-stop 'worker-1@500': expected a duration >= 0 with a unit, such as 250ms, 2s or 1m (a bare number has no unit)",
    "restaurant --terminate-after 2 | brigade restaurant: --terminate-after '2': expected a duration >= 0 with a unit, such as 250ms, 2s or 1m (a bare number has no unit)",
    "bench --warmup 5 | brigade bench: invalid setting brigade.bench.warmup = '5' (from flag --warmup): expected a duration >= 0 with a unit, such as 250ms, 2s or 1m (a bare number has no unit)",
    "primes check 97 -Dbrigade.primes.scheduler-tick=10 | brigade primes check: invalid setting brigade.primes.scheduler-tick = '10' (from -D on the command line): expected a duration of whole milliseconds from 1ms to 1s with a unit, such as 10ms (a bare number has no unit)",
    "bench --random 100 --pool-sizes 1 --batch-sizes 100 --repeat 1 --warmup 0s --out target/tick-refused -Dbrigade.primes.scheduler-tick=10 | brigade bench: invalid setting brigade.primes.scheduler-tick = '10' (from -D on the command line): expected a duration of whole milliseconds from 1ms to 1s with a unit, such as 10ms (a bare number has no unit)",
    "node -Dbrigade.primes.scheduler-tick=2s | brigade node: invalid setting brigade.primes.scheduler-tick = '2s' (from -D on the command line): expected a duration of whole milliseconds from 1ms to 1s such as 10ms",
  })
  void aDurationWithoutAUnitIsRefused(String args, String expected) {
    refused(CliRun.of(args.split(" ")), expected);
  }

  @Test
  void aDurationWithoutAUnitInAConfigFileIsRefused() throws Exception {
    Path f = dir.resolve("dur.conf");
    Files.writeString(f, "brigade.primes.batch-timeout = 2\n");
    refused(CliRun.of("primes", "check", "97", "--config", f.toString()),
        "brigade primes check: invalid setting brigade.primes.batch-timeout = 2 (from " + f + ": 1): "
            + "expected a duration > 0 with a unit, such as 250ms, 2s or 1m (a bare number has no unit)");
    Files.writeString(f, "brigade.restaurant.eating-time = 0\n");
    refused(CliRun.of("restaurant", "--config", f.toString()),
        "brigade restaurant: invalid setting brigade.restaurant.eating-time = 0 (from " + f + ": 1): "
            + "expected a duration >= 0 with a unit, such as 250ms, 2s or 1m (a bare number has no unit)");
  }

  // --- 9. --seed and --fault-rate ----------------------------------------------------------------------------

  @Test
  void seedSeedsTheFaultsWithAnyInput() throws Exception {
    // The README's promise: --fault-rate is seeded by --seed, whatever the input.
    CliRun r = CliRun.of("primes", "factor", "--range", "1..2000", "--fault-rate", "0.5", "--seed", "5",
        "--max-retries", "100", "--no-baseline", "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = Json.mapper().readTree(r.out());
    assertEquals(2000, j.get("numbersOut").asLong());
    CliRun check = CliRun.of("primes", "check", "--fault-rate", "0.3", "--seed", "5", "--max-retries", "100",
        "--no-baseline", "--json");
    assertEquals(0, check.exitCode(), check.err());
    assertEquals(6, Json.mapper().readTree(check.out()).get("count").asLong(), "still the reference numbers");
  }

  @Test
  void seedWithNoRandomNumbersAndNoFaultsIsStillAUsageError() {
    refused(CliRun.of("primes", "factor", "--range", "1..20", "--seed", "5"),
        "brigade primes factor: --seed applies to random numbers only, not to --range (it also seeds --fault-rate, "
            + "when that is above 0)");
    refused(CliRun.of("primes", "factor", "--range", "1..20", "--min", "5", "--fault-rate", "0.1"),
        "brigade primes factor: --min applies to random numbers only, not to --range");
  }

  @Test
  void restaurantSeedSeedsItsFaults() {
    List<String> args = new ArrayList<>(List.of("restaurant", "--orders", "5", "--fault-rate", "0.3", "--seed", "5",
        "--time-scale", "0.0001", "--json"));
    CliRun r = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.err());
  }

  // --- 11. which files a run was built from ------------------------------------------------------------------

  @Test
  void theRestaurantAndBenchReportsNameTheirConfigFiles() throws Exception {
    // Tests run in the project directory: conf/application.conf is picked up; logging stays on logback-test.xml.
    String settings = Path.of("conf", "application.conf").toAbsolutePath().toString();
    CliRun json = CliRun.of("restaurant", "--orders", "2", "--time-scale", "0.0001", "--json");
    assertEquals(0, json.exitCode(), json.err());
    JsonNode config = Json.mapper().readTree(json.out()).get("config");
    assertEquals(settings, config.get("settings").asText());
    assertTrue(config.get("logging").asText().endsWith("logback-test.xml"), config.toString());

    Path f = dir.resolve("mine.conf");
    Files.writeString(f, "brigade.restaurant.orders = 3\n");
    CliRun text = CliRun.of("restaurant", "--time-scale", "0.0001", "--config", f.toString());
    assertEquals(0, text.exitCode(), text.err());
    assertTrue(text.out().contains("\nconfig: " + f.toAbsolutePath() + " (over the bundled defaults); logging: "),
        text.out());

    Path out = dir.resolve("bench");
    CliRun bench = CliRun.of("bench", "--random", "20", "--pool-sizes", "1", "--batch-sizes", "8", "--dispatch",
        "push", "--repeat", "1", "--warmup", "0s", "--out", out.toString(), "--config", f.toString());
    assertEquals(0, bench.exitCode(), bench.err());
    assertTrue(bench.out().contains("config: " + f.toAbsolutePath() + " (over the bundled defaults)"), bench.out());
    JsonNode summary = Json.mapper().readTree(out.resolve("summary.json").toFile());
    assertEquals(f.toAbsolutePath().toString(), summary.get("config").get("settings").asText());
  }

  @Test
  void dashDConfigFileNamesTheSettingsFileLikeDashDashConfig() throws Exception {
    Path f = dir.resolve("d.conf");
    Files.writeString(f, "brigade.restaurant.orders = 3\n");
    CliRun r = CliRun.of("restaurant", "--time-scale", "0.0001", "--json", "-Dconfig.file=" + f);
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = Json.mapper().readTree(r.out());
    assertEquals(3, j.get("ordersReceived").asLong());
    assertEquals(f.toAbsolutePath().toString(), j.get("config").get("settings").asText());
  }

  @Test
  void everyCommandsHelpNamesBothFiles() {
    for (String[] cmd : List.of(new String[] {"--help"}, new String[] {"restaurant", "--help"},
        new String[] {"primes", "check", "--help"}, new String[] {"bench", "--help"}, new String[] {"node", "--help"})) {
      CliRun r = CliRun.of(cmd);
      assertEquals(0, r.exitCode(), r.err());
      assertTrue(r.out().contains("--config=FILE") && r.out().contains("--log-config=FILE"), r.out());
      assertTrue(r.out().contains("conf/logback.xml in the working directory"), r.out());
    }
  }

  @Test
  void aMissingOrBrokenLoggingFileIsOneLineAndExit2() throws Exception {
    refused(CliRun.of("restaurant", "--log-config", dir.resolve("none.xml").toString()),
        "brigade restaurant: logging config file '" + dir.resolve("none.xml")
            + "' does not exist or is not a regular file");
    Path bad = dir.resolve("bad.xml");
    Files.writeString(bad, "<configuration>\n  <appender name=\"X\" class=\"no.such.Appender\"/>\n"
        + "  <root><appender-ref ref=\"X\"/></root>\n</configuration>\n");
    CliRun r = CliRun.of("primes", "check", "97", "--log-config", bad.toString());
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.errLines().get(0).startsWith("brigade primes check: logging config file '" + bad
        + "' is not a valid logback configuration: "), r.err());
    Files.writeString(bad, "<configuration");
    CliRun dashD = CliRun.of("restaurant", "-Dlogback.configurationFile=" + bad);
    assertEquals(2, dashD.exitCode(), dashD.err());
    assertEquals(1, dashD.errLines().size(), dashD.err());
    assertTrue(dashD.err().contains("logging config file '" + bad + "' is not a valid logback configuration"),
        dashD.err());
    // The test logging (logback-test.xml) is untouched: a broken file is tried on a scratch context.
    assertTrue(brigade.config.Logging.source().endsWith("logback-test.xml"), brigade.config.Logging.source());
  }
}
