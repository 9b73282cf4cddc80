package brigade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import brigade.primes.NumberSources;
import brigade.primes.TrialDivision;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** `brigade primes ...` end to end, in-process, through the real actor pool. */
class PrimesCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void checkWithNoInputIsTheSixReferenceNumbersAndFiveArePrime() throws Exception {
    CliRun r = CliRun.of("primes", "check", "--json", "--pool-size", "2");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode report = JSON.readTree(r.out());
    assertEquals("check", report.get("job").asText());
    assertEquals("trial", report.get("algorithm").asText());
    assertEquals(6, report.get("count").asLong());
    assertEquals(5, report.get("primes").asLong());
    assertEquals(6, report.get("numbersIn").asLong());
    assertEquals(6, report.get("numbersOut").asLong());
    assertEquals(2, report.get("poolSize").asInt());
    // Six heavy numbers on two workers are not one batch.
    assertEquals(1, report.get("batchSize").asInt());
    assertEquals(6, report.get("batches").asLong());
    assertEquals(false, report.get("interrupted").asBoolean());
    // Seed-sized: each number's result, in input order; the sequential baseline ran and agrees.
    JsonNode results = report.get("results");
    assertEquals(6, results.size());
    for (int i = 0; i < 6; i++) {
      assertEquals((long) NumberSources.REFERENCE.get(i), results.get(i).get("number").asLong());
      assertEquals(i < 5, results.get(i).get("prime").asBoolean());
    }
    assertTrue(report.get("sequentialMillis").asDouble() > 0, r.out());
    assertTrue(report.get("speedup").asDouble() > 0, r.out());
    assertEquals(true, report.get("baselineAgrees").asBoolean(), r.out());
    // The report names the config it was built from: conf/application.conf here (tests run in the project), or bundled.
    String settingsFile = report.get("config").get("settings").asText();
    assertTrue(settingsFile.equals("bundled") || settingsFile.endsWith("application.conf"), r.out());
    assertTrue(report.get("config").has("logging"), r.out());
    // warmup = auto: at least a second of the job's own work before the timed run
    assertTrue(report.get("warmupMillis").asDouble() >= 1000, r.out());
    long workerNumbers = 0;
    for (JsonNode w : report.get("workers")) workerNumbers += w.get("numbers").asLong();
    assertEquals(6, workerNumbers);
  }

  @Test
  void faultyWorkersAreRestartedAndTheirBatchesRetriedWithNoNumberLost() throws Exception {
    Path csv = dir.resolve("faulty.csv");
    CliRun r = CliRun.of("primes", "factor", "--random", "3000", "--seed", "11", "--batch-size", "50",
        "--fault-rate", "0.3", "--max-retries", "30", "--no-baseline", "--json", "--output", csv.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode report = JSON.readTree(r.out());
    assertTrue(report.get("retries").asLong() > 0, "a 30% fault rate over 60 batches retries some: " + r.out());
    assertEquals(0, report.get("failedBatches").asLong(), r.out());
    assertEquals(3000, report.get("numbersOut").asLong());
    // Same answers as a run without faults.
    Path clean = dir.resolve("clean.csv");
    assertEquals(0, CliRun.of("primes", "factor", "--random", "3000", "--seed", "11", "--no-baseline",
        "--output", clean.toString()).exitCode());
    assertEquals(Files.readAllLines(clean), Files.readAllLines(csv));
  }

  @Test
  void aFaultRateOutsideZeroToOneIsRejected() {
    CliRun r = CliRun.of("primes", "check", "--fault-rate", "1");
    assertEquals(2, r.exitCode());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().contains("brigade.primes.fault-rate = '1' (from flag --fault-rate)"), r.err());
  }

  @Test
  void textReportPrintsOneLinePerNumberLikeTheClassicLesson() {
    CliRun r = CliRun.of("primes", "check", "97", "1001", "0", "1", "2", "--no-baseline");
    assertEquals(0, r.exitCode(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(List.of("97 is prime: true", "1001 is prime: false", "0 is prime: false", "1 is prime: false",
        "2 is prime: true"), lines.subList(0, 5));
    assertTrue(r.out().contains("in 5, out 5, failed 0"), r.out());
    assertTrue(r.out().contains("not measured: baseline off"), r.out());
  }

  @Test
  void factorPrintsTheFactorisation() {
    CliRun r = CliRun.of("primes", "factor", "1099726899285419", "1024", "97", "1", "--no-baseline");
    assertEquals(0, r.exitCode(), r.err());
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(0).matches("1099726899285419 = 3306091 [×*] 332636609"), lines.get(0));
    assertTrue(lines.get(1).matches("1024 = 2( [×*] 2){9}"), lines.get(1));
    assertEquals("97 is prime", lines.get(2));
    assertEquals("1 has no prime factors (neither prime nor composite)", lines.get(3));
  }

  @Test
  void factorRandomToCsvHasEveryNumberOnceInOrderAndFactorsMultiplyBack() throws Exception {
    Path csv = dir.resolve("x.csv");
    CliRun r = CliRun.of("primes", "factor", "--random", "2000", "--seed", "3", "--output", csv.toString(),
        "--no-baseline", "--batch-size", "64", "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode report = JSON.readTree(r.out());
    assertEquals(2000, report.get("numbersOut").asLong());
    assertEquals(32, report.get("batches").asLong());
    List<String> lines = Files.readAllLines(csv);
    assertEquals("number,prime,factors", lines.get(0));
    assertEquals(2001, lines.size());
    long[] expected = NumberSourcesTestAccess.readAll(NumberSources.random(2000, 20_000, 100_000_000, 3).open());
    long primes = 0;
    long factors = 0;
    for (int i = 0; i < 2000; i++) {
      String[] cols = lines.get(i + 1).split(",", -1);
      assertEquals(3, cols.length, lines.get(i + 1));
      long n = Long.parseLong(cols[0]);
      assertEquals(expected[i], n, "row " + (i + 1));
      long product = 1;
      long previous = 0;
      String[] fs = cols[2].split(" ");
      for (String f : fs) {
        long p = Long.parseLong(f);
        assertTrue(TrialDivision.INSTANCE.isPrime(p), p + " in " + lines.get(i + 1));
        assertTrue(p >= previous, "ascending: " + lines.get(i + 1));
        previous = p;
        product = Math.multiplyExact(product, p);
      }
      assertEquals(n, product, lines.get(i + 1));
      assertEquals(fs.length == 1, Boolean.parseBoolean(cols[1]), lines.get(i + 1));
      if (fs.length == 1) primes++;
      factors += fs.length;
    }
    assertEquals(primes, report.get("primes").asLong());
    assertEquals(factors, report.get("factors").asLong());
  }

  @Test
  void completionOrderWritesTheSameRowsAsInputOrder() throws Exception {
    Path inOrder = dir.resolve("input.csv");
    Path asDone = dir.resolve("completion.csv");
    String[] common = {"primes", "factor", "--range", "1000000..1004000", "--batch-size", "50", "--no-baseline"};
    CliRun a = CliRun.of(concat(common, "--output", inOrder.toString()));
    CliRun b = CliRun.of(concat(common, "--output", asDone.toString(), "--order", "completion", "--json"));
    assertEquals(0, a.exitCode(), a.err());
    assertEquals(0, b.exitCode(), b.err());
    List<String> expected = Files.readAllLines(inOrder);
    List<String> written = Files.readAllLines(asDone);
    assertEquals("number,prime,factors", written.get(0));
    assertEquals(4002, written.size());
    assertEquals(new java.util.TreeSet<>(expected), new java.util.TreeSet<>(written), "the same rows, each once");
    assertEquals(4001, JSON.readTree(b.out()).get("numbersOut").asLong());
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  void fileInputWithCommentsAndCrlf() throws Exception {
    Path f = dir.resolve("numbers.txt");
    Files.writeString(f, "# six\r\n 112272535095293 \r\n\r\n1099726899285419 # the composite\r\n");
    Path csv = dir.resolve("out.csv");
    CliRun r = CliRun.of("primes", "check", "--file", f.toString(), "--output", csv.toString(), "--no-baseline");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("number,prime,factors\n112272535095293,true,\n1099726899285419,false,\n", Files.readString(csv));
  }

  @Test
  void rangeCountsPrimes() throws Exception {
    CliRun r = CliRun.of("primes", "check", "--range", "1..100000", "--no-baseline", "--json", "--dispatch", "pull");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode report = JSON.readTree(r.out());
    assertEquals(9592, report.get("primes").asLong());
    assertEquals("pull", report.get("dispatch").asText());
    assertEquals(100_000, report.get("numbersOut").asLong());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
    "primes check --pool-size 0          | brigade primes check: invalid setting brigade.primes.pool-size = '0' (from flag --pool-size): expected a whole number from 1 to 1024 or \"auto\"",
    "primes check --batch-size 0         | brigade primes check: invalid setting brigade.primes.batch-size = '0' (from flag --batch-size)",
    "primes factor --dispatch shove      | brigade primes factor: invalid setting brigade.primes.dispatch = 'shove' (from flag --dispatch): expected one of pull, push",
    "primes factor --order sorted        | brigade primes factor: invalid setting brigade.primes.order = 'sorted' (from flag --order): expected one of completion, input",
    "primes check 7 -Dbrigade.primes.order=last | brigade primes check: invalid setting brigade.primes.order = 'last' (from -D on the command line): expected one of completion, input",
    "primes check --algorithm sieve      | brigade primes check: invalid setting brigade.primes.algorithm = 'sieve' (from flag --algorithm): expected one of fast, trial",
    "primes check --max-retries -1       | brigade primes check: invalid setting brigade.primes.max-retries = '-1' (from flag --max-retries)",
    "primes check --batch-timeout soon   | brigade primes check: invalid setting brigade.primes.batch-timeout = 'soon' (from flag --batch-timeout)",
    "primes factor --min 10 --max 5      | brigade primes factor: invalid settings brigade.primes.random-min = 10 and brigade.primes.random-max = 5",
    "primes factor --random x            | brigade primes factor: invalid setting brigade.primes.random-count = 'x' (from flag --random)",
    "primes check -Dbrigade.primes.window=0 | brigade primes check: invalid setting brigade.primes.window = '0' (from -D on the command line)",
    "primes check --range 10..1          | brigade primes check: range '10..1' is empty: expected A..B with A <= B",
    "primes check --range 1-10           | brigade primes check: range '1-10' is not of the form A..B (e.g. 1..1000000)",
    "primes check 97 x                   | brigade primes check: number argument 2 'x' is not a whole number",
    "primes check -5                     | brigade primes check: number argument 1 '-5' is negative",
    "primes check --frobnicate           | brigade primes check: Unknown option: '--frobnicate'",
    "primes                              | brigade primes: missing job: give check or factor",
    "primes sieve                        | brigade primes: Unmatched argument at index 1: 'sieve'",
    "primes check --range 1..9 --random 3 | brigade primes check: give the numbers one way, not --range and --random",
    "primes check 7 --seed 3             | brigade primes check: --seed applies to random numbers only, not to NUMBER...",
    "primes check --file /no/such/file   | brigade primes check: cannot read numbers file '/no/such/file': no such file",
    "primes check 7 --output /no/such/dir/x.csv | brigade primes check: cannot write output file '/no/such/dir/x.csv': directory /no/such/dir does not exist",
    "primes check 7 --split sometimes    | brigade primes check: invalid setting brigade.primes.split = 'sometimes' (from flag --split)",
    "primes check 7 --split on --algorithm fast | brigade primes check: invalid setting brigade.primes.split = on with brigade.primes.algorithm = fast: splitting a number into divisor ranges applies to trial division only",
    "primes check 7 --split-ranges 1     | brigade primes check: invalid setting brigade.primes.split-ranges = '1' (from flag --split-ranges)",
  })
  void badUsageIsOneLineAndExitTwo(String args, String expectedStart) {
    CliRun r = CliRun.of(args.split(" "));
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.errLines().get(0).startsWith(expectedStart), r.errLines().get(0));
    assertEquals("", r.out());
  }

  @Test
  void badFileLineIsOneLineWithLineNumberAndValueAndNothingRuns() throws Exception {
    Path f = dir.resolve("bad.txt");
    Files.writeString(f, "# numbers\n97\n\n  12x4  \r\n");
    Path csv = dir.resolve("never.csv");
    CliRun r = CliRun.of("primes", "factor", "--file", f.toString(), "--output", csv.toString());
    assertEquals(2, r.exitCode());
    assertEquals(List.of("brigade primes factor: file '" + f + "' line 4: '12x4' is not a whole number; expected a whole"
        + " number from 0 to 2^63-1 (9223372036854775807) on each line (blank lines and # comments are skipped)"),
        r.errLines());
    assertTrue(!Files.exists(csv), "no output file is created when the input is rejected");
  }

  @Test
  void warmupZeroTimesTheBaselineWithoutWarmingThePool() throws Exception {
    CliRun r = CliRun.of("primes", "check", "97", "1001", "--baseline", "--warmup", "0s", "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode report = JSON.readTree(r.out());
    assertTrue(report.get("sequentialMillis").asDouble() > 0, r.out());
    assertTrue(!report.has("warmupMillis"), r.out());
    CliRun text = CliRun.of("primes", "check", "97", "--baseline", "--warmup", "200ms");
    assertTrue(text.out().matches("(?s).*\\(after a [0-9.]+ s warm-up\\).*"), text.out()); // at least 0.2 s of whole runs
    CliRun bad = CliRun.of("primes", "check", "97", "--warmup", "-5s");
    assertEquals(2, bad.exitCode());
    assertEquals(List.of("brigade primes check: invalid setting brigade.primes.warmup = '-5s' (from flag --warmup): "
        + "expected \"auto\" or a duration >= 0 such as 250ms, 2s or 1m"), bad.errLines());
  }

  @Test
  void repeatTimesTheJobSeveralTimesInterleavedAndWritesTheResultsOnce() throws Exception {
    Path csv = dir.resolve("repeat.csv");
    CliRun r = CliRun.of("primes", "factor", "--random", "500", "--seed", "5", "--baseline", "--warmup", "0s",
        "--repeat", "3", "--json", "--output", csv.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode report = JSON.readTree(r.out());
    assertEquals(3, report.get("runs").asInt(), r.out());
    double wall = report.get("wallMillis").asDouble();
    assertTrue(report.get("wallMillisMin").asDouble() <= wall && wall <= report.get("wallMillisMax").asDouble(), r.out());
    double seq = report.get("sequentialMillis").asDouble();
    assertTrue(report.get("sequentialMillisMin").asDouble() <= seq && seq <= report.get("sequentialMillisMax").asDouble(),
        r.out());
    assertEquals(true, report.get("baselineAgrees").asBoolean(), r.out());
    assertEquals(500, report.get("numbersOut").asLong());
    assertEquals(501, Files.readAllLines(csv).size()); // header + each number once, not once per round

    CliRun text = CliRun.of("primes", "check", "97", "1001", "--baseline", "--warmup", "0s", "--repeat", "4");
    assertEquals(0, text.exitCode(), text.err());
    assertTrue(text.out().matches("(?s).*pool run    [0-9.]+ ms \\(median of 4 runs, [0-9.]+–[0-9.]+\\).*"), text.out());
    assertTrue(text.out().matches("(?s).*sequential  [0-9.]+ ms \\(median of 4 runs, .*"), text.out());
    assertFalse(text.out().contains("timed cold"), "too small to time: its own note says so; " + text.out());

    // Compared with the references but not warmed up: the report says the runs were cold.
    CliRun cold = CliRun.of("primes", "factor", "--random", "5000", "--baseline", "--warmup", "0s", "--repeat", "2");
    assertEquals(0, cold.exitCode(), cold.err());
    assertTrue(cold.out().matches(
        "(?s).*pool run    [0-9.]+ ms \\(median of 2 runs, [^\\n]*\\(no warm-up: timed cold\\)\n.*"), cold.out());
  }

  @Test
  void repeatAutoTimesAShortJobSeveralTimesButNotWithoutABaseline() throws Exception {
    JsonNode timed = JSON.readTree(CliRun.of("primes", "factor", "--random", "5000", "--baseline", "--warmup", "0s",
        "--json").out());
    // Later rounds get at least twice the first round's time (and at least 1 s): 3 rounds at the very least.
    assertTrue(timed.get("runs").asInt() >= 3, timed.toString());
    assertTrue(timed.get("speedup").asDouble() > 0, timed.toString());
    assertTrue(timed.get("actorOverForkJoin").asDouble() > 0, timed.toString());
    assertTrue(timed.get("baselineAgrees").asBoolean(), timed.toString());
    // Two numbers are microseconds of work: too small to time, so timed once, with a note instead of a speedup.
    CliRun tiny = CliRun.of("primes", "check", "97", "1001", "--baseline");
    assertEquals(0, tiny.exitCode(), tiny.err());
    assertTrue(tiny.out().contains("speedup     too small to time: 2 numbers, "), tiny.out());
    assertTrue(!tiny.out().contains("median of") && !tiny.out().contains("(after a"), tiny.out());
    JsonNode once = JSON.readTree(CliRun.of("primes", "check", "97", "1001", "--no-baseline", "--json").out());
    assertEquals(1, once.get("runs").asInt(), once.toString());
    assertTrue(!once.has("sequentialMillis"), once.toString());
    JsonNode poolOnly = JSON.readTree(CliRun.of("primes", "check", "97", "1001", "--no-baseline", "--repeat", "2",
        "--json").out());
    assertEquals(2, poolOnly.get("runs").asInt(), poolOnly.toString());
  }

  @Test
  void badRepeatIsOneLineAndExit2() {
    CliRun bad = CliRun.of("primes", "check", "97", "--repeat", "0");
    assertEquals(2, bad.exitCode());
    assertEquals(List.of("brigade primes check: invalid setting brigade.primes.repeat = '0' (from flag --repeat): "
        + "expected a whole number from 1 to 1000 or \"auto\""), bad.errLines());
    CliRun cluster = CliRun.of("primes", "check", "97", "--repeat", "3", "--cluster");
    assertEquals(2, cluster.exitCode());
    assertEquals(List.of("brigade primes check: --repeat 3 needs a local pool: a --cluster job runs once"),
        cluster.errLines());
  }

  @Test
  void helpListsEveryFlag() {
    for (String job : List.of("check", "factor")) {
      CliRun r = CliRun.of("primes", job, "--help");
      assertEquals(0, r.exitCode());
      for (String flag : List.of("--pool-size", "--batch-size", "--window", "--dispatch", "--algorithm",
          "--max-retries", "--batch-timeout", "--[no-]baseline", "--warmup", "--repeat", "--random", "--min", "--max", "--seed", "--range",
          "--file", "--output", "--json", "--config", "-D")) {
        assertTrue(r.out().contains(flag), job + " --help lacks " + flag + ":\n" + r.out());
      }
    }
    assertEquals(0, CliRun.of("primes", "--help").exitCode());
  }

  @Test
  void poolSizeFromConfigOverrideIsUsedAndFlagsWinOverIt() throws Exception {
    JsonNode viaD = JSON.readTree(CliRun.of("primes", "check", "97", "-Dbrigade.primes.pool-size=3", "--no-baseline",
        "--json").out());
    assertEquals(3, viaD.get("poolSize").asInt());
    JsonNode viaFlag = JSON.readTree(CliRun.of("primes", "check", "97", "-Dbrigade.primes.pool-size=3",
        "--pool-size", "1", "--no-baseline", "--json").out());
    assertEquals(1, viaFlag.get("poolSize").asInt());
  }

  @Test
  void theSixNumbersAreSplitIntoDivisorRangesWithTheSameAnswers() throws Exception {
    // A pool of 2 on any machine (auto ranges depend on it, and one core never splits): 8 ranges per worker, each of
    // the six numbers far above the smallest range auto cuts (2^17 odd candidates: ~40 ranges).
    JsonNode split = JSON.readTree(CliRun.of("primes", "check", "--no-baseline", "--pool-size", "2", "--split", "auto",
        "--json").out());
    assertEquals(6, split.get("splitNumbers").asInt(), split.toString()); // auto: 6 numbers cannot keep 2 workers busy
    assertEquals(6 * 8 * 2, split.get("splitRanges").asInt(), split.toString());
    JsonNode byDefault = JSON.readTree(CliRun.of("primes", "check", "--no-baseline", "--pool-size", "2", "--json")
        .out()); // auto
    assertEquals(split.get("splitRanges"), byDefault.get("splitRanges"), byDefault.toString());
    JsonNode whole = JSON.readTree(CliRun.of("primes", "check", "--no-baseline", "--pool-size", "2", "--split", "off",
        "--json").out());
    assertTrue(!whole.has("splitNumbers"), whole.toString());
    assertEquals(whole.get("results"), split.get("results"));
    assertEquals(5, split.get("primes").asInt());
    CliRun text = CliRun.of("primes", "check", "--no-baseline", "--split", "on", "--split-ranges", "3");
    assertTrue(text.out().contains("split       6 numbers into 18 divisor ranges across the workers"), text.out());
    // Factor jobs are never split (auto): only a check's trial division has ranges to share.
    JsonNode factor = JSON.readTree(CliRun.of("primes", "factor", "1099726899285419", "--no-baseline", "--split", "auto",
        "--json").out());
    assertTrue(!factor.has("splitNumbers"), factor.toString());
  }

  @Test
  void anOutputThatIsTheInputIsRefusedBeforeAnythingIsWrittenWhateverItsSpelling() throws Exception {
    Path numbers = dir.resolve("numbers.txt");
    Files.writeString(numbers, "97\n1001\n");
    Path link = dir.resolve("link.txt");
    Files.createSymbolicLink(link, numbers);
    Path hard = dir.resolve("hard.txt");
    Files.createLink(hard, numbers);
    for (String[] pair : new String[][] {{numbers.toString(), numbers.toString()},
        {numbers.toString(), dir.resolve("sub/../numbers.txt").toString()}, {link.toString(), numbers.toString()},
        {numbers.toString(), hard.toString()}}) {
      Files.createDirectories(dir.resolve("sub"));
      CliRun r = CliRun.of("primes", "check", "--file", pair[0], "--output", pair[1], "--no-baseline");
      assertEquals(2, r.exitCode(), r.err());
      assertEquals(List.of("brigade primes check: --output '" + pair[1] + "' is the input file '" + pair[0]
          + "': writing the results would destroy the numbers; choose another output file"), r.errLines());
      assertEquals("97\n1001\n", Files.readString(numbers), "the input is untouched");
    }
  }

  @Test
  void outputDashIsStandardOutputAndTheReportGoesToStandardError() throws Exception {
    CliRun r = CliRun.of("primes", "factor", "12", "97", "--output", "-", "--no-baseline", "--json");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(List.of("number,prime,factors", "12,false,2 2 3", "97,true,97"), r.out().lines().toList());
    assertTrue(r.err().contains("\"output\" : \"standard output\""), r.err());
  }

  @Test
  void anOutputThatCannotBeOpenedSaysWhy() {
    CliRun r = CliRun.of("primes", "check", "97", "--output", "/proc/brigade.csv", "--no-baseline");
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(List.of("brigade primes check: cannot write output file '/proc/brigade.csv': no such file or directory"),
        r.errLines());
  }

  @Test
  void demoIncludesThePrimeCheck() {
    assertTrue(Main.DEMO.contains(List.of("primes", "check")), Main.DEMO.toString());
  }

  @Test
  void stderrTerminalCheckRecognisesTerminalDevices() {
    assertTrue(ProgressDisplay.isTerminalDevice("/dev/pts/3"));
    assertTrue(ProgressDisplay.isTerminalDevice("/dev/tty1"));
    assertTrue(!ProgressDisplay.isTerminalDevice("pipe:[12345]"));
    assertTrue(!ProgressDisplay.isTerminalDevice("/tmp/log.txt"));
    assertTrue(!ProgressDisplay.isTerminalDevice("/dev/null"));
  }

  @Test
  void aBadOutputPathLeavesAnExistingTraceAndPictureAsTheyWere() throws Exception {
    Path trace = dir.resolve("t.json");
    Path picture = dir.resolve("t.png");
    Files.writeString(trace, "my earlier trace");
    Files.writeString(picture, "my earlier picture");
    Path badOutput = dir.resolve("no-such-dir").resolve("x.csv");
    CliRun r = CliRun.of("primes", "check", "97", "--output", badOutput.toString(), "--trace", trace.toString(),
        "--timeline", picture.toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("x.csv"), r.err());
    assertEquals("my earlier trace", Files.readString(trace));
    assertEquals("my earlier picture", Files.readString(picture));
  }
}
