package brigade.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import brigade.UserError;
import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrigadeConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsComeFromConfAndReference() {
    Config c = BrigadeConfig.defaults();
    assertTrue(c.hasPath("brigade.primes.pool-size"));
    assertTrue(c.hasPath("akka.actor.default-dispatcher"), "reference.conf is underneath");
  }

  @Test
  void flagBeatsPropertyBeatsFile() throws Exception {
    Path f = dir.resolve("a.conf");
    Files.writeString(f, "brigade.restaurant.workers = 5\nbrigade.restaurant.delivery = 4\nbrigade.restaurant.orders = 3\n");
    Config c = BrigadeConfig.load(f,
        Map.of("brigade.restaurant.delivery", "7", "brigade.restaurant.orders", "8"),
        Map.of("brigade.restaurant.orders", new BrigadeConfig.Flag("--orders", 9)));
    assertEquals(5, c.getInt("brigade.restaurant.workers"));
    assertEquals(7, c.getInt("brigade.restaurant.delivery"));
    assertEquals(9, c.getInt("brigade.restaurant.orders"));
  }

  @Test
  void badValueNamesKeyValueOriginAndWhatIsAllowed() {
    Config c = BrigadeConfig.load(null, Map.of(),
        Map.of("brigade.restaurant.workers", new BrigadeConfig.Flag("--workers", -1)));
    UserError e = assertThrows(UserError.class,
        () -> new SettingsReader(c, "brigade.restaurant").intAtLeast("workers", 1));
    assertEquals(
        "invalid setting brigade.restaurant.workers = -1 (from flag --workers): expected a whole number >= 1",
        e.getMessage());
  }

  @Test
  void badValueInFileNamesFileAndLine() throws Exception {
    Path f = dir.resolve("b.conf");
    Files.writeString(f, "brigade.primes.dispatch = sideways\n");
    Config c = BrigadeConfig.load(f, Map.of(), Map.of());
    UserError e = assertThrows(UserError.class,
        () -> new SettingsReader(c, "brigade.primes").oneOf("dispatch", Set.of("push", "pull")));
    assertTrue(e.getMessage().startsWith("invalid setting brigade.primes.dispatch = 'sideways' (from "), e.getMessage());
    assertTrue(e.getMessage().contains("b.conf: 1"), e.getMessage());
    assertTrue(e.getMessage().endsWith("expected one of pull, push"), e.getMessage());
  }

  @Test
  void readerChecksEveryKind() {
    Config c = BrigadeConfig.load(null, Map.of(
        "x.auto", "auto", "x.n", "12", "x.d", "250ms", "x.neg", "-1s", "x.f", "1.5", "x.list", "1,2,x"), Map.of());
    SettingsReader r = new SettingsReader(c, "x");
    assertEquals(7, r.intOrAuto("auto", 1, 100, 7));
    assertEquals(12, r.intOrAuto("n", 1, 100, 7));
    assertThrows(UserError.class, () -> r.intOrAuto("n", 1, 10, 7));
    assertEquals(Duration.ofMillis(250), r.duration("d", false));
    assertThrows(UserError.class, () -> r.duration("neg", true));
    assertThrows(UserError.class, () -> r.doubleBetween("f", 0, 1, false));
    assertEquals(List.of(1, 2), new SettingsReader(BrigadeConfig.load(null, Map.of("x.l", "1,2"), Map.of()), "x")
        .list("l", "whole numbers", s -> s.matches("\\d+") ? Integer.valueOf(s) : null));
    UserError e = assertThrows(UserError.class,
        () -> r.list("list", "whole numbers", s -> s.matches("\\d+") ? Integer.valueOf(s) : null));
    assertTrue(e.getMessage().contains("'1,2,x'"), e.getMessage());
    UserError missing = assertThrows(UserError.class, () -> r.string("nope"));
    assertTrue(missing.getMessage().contains("x.nope"), missing.getMessage());
  }

  @Test
  void unreadableOrMalformedFileIsAUserError() throws Exception {
    UserError missing = assertThrows(UserError.class, () -> BrigadeConfig.load(dir.resolve("none.conf"), Map.of(), Map.of()));
    assertTrue(missing.getMessage().contains("none.conf"), missing.getMessage());
    Path bad = dir.resolve("bad.conf");
    Files.writeString(bad, "brigade { primes = \n");
    UserError malformed = assertThrows(UserError.class, () -> BrigadeConfig.load(bad, Map.of(), Map.of()));
    assertTrue(malformed.getMessage().contains("bad.conf") && !malformed.getMessage().contains("\n"), malformed.getMessage());
  }

  @Test
  void wholeNumbersAreReadFromTheRawValueNeverTruncated() {
    Config c = BrigadeConfig.load(null, Map.of(), Map.of()).withFallback(com.typesafe.config.ConfigFactory.parseString(
        "x { int = 3, str = \"4\", plus = \"+5\", frac = 2.9, fracStr = \"2.9\", wholeStr = \"3.0\", expStr = \"1e3\", whole = 3.0,"
            + " big = 9223372036854775808, bigStr = \"99999999999999999999\", word = many, yes = true, list = [1] }"))
        .resolve();
    SettingsReader r = new SettingsReader(c, "x");
    assertEquals(3, r.intBetween("int", 0, 10));
    assertEquals(4, r.intBetween("str", 0, 10));
    assertEquals(5, r.intOrAuto("plus", 0, 10, 0));
    assertEquals(3, r.intBetween("whole", 0, 10)); // HOCON itself reads 3.0 as the whole number 3
    for (String bad : List.of("frac", "fracStr", "wholeStr", "expStr", "big", "bigStr", "word", "yes", "list")) {
      UserError e = assertThrows(UserError.class, () -> r.longBetween(bad, Long.MIN_VALUE, Long.MAX_VALUE), bad);
      assertTrue(e.getMessage().startsWith("invalid setting x." + bad + " = "), e.getMessage());
      assertThrows(UserError.class, () -> r.intOrAuto(bad, 0, 10, 0), bad);
    }
    UserError frac = assertThrows(UserError.class, () -> r.intAtLeast("frac", 1));
    assertEquals("invalid setting x.frac = 2.9 (from String: 1): expected a whole number >= 1", frac.getMessage());
  }

  @Test
  void aDurationNeedsAUnit() {
    Config c = com.typesafe.config.ConfigFactory.parseString(
        "x { n = 2, s = \"2\", z = 0, f = 1.5, fs = \" .5 \", e = 1e3, ok = 2s, okMs = \"250 ms\" }");
    SettingsReader r = new SettingsReader(c, "x");
    assertEquals(Duration.ofSeconds(2), r.duration("ok", false));
    assertEquals(Duration.ofMillis(250), r.duration("okMs", false));
    for (String bare : List.of("n", "s", "z", "f", "fs", "e")) {
      UserError e = assertThrows(UserError.class, () -> r.duration(bare, true), bare);
      assertTrue(e.getMessage().endsWith("expected a duration >= 0 with a unit, such as 250ms, 2s or 1m "
          + "(a bare number has no unit)"), e.getMessage());
      assertThrows(UserError.class, () -> r.durationOrAuto(bare), bare);
    }
  }

  @Test
  void anUnknownBrigadeKeyNamesTheNearestKnownOne() throws Exception {
    Path f = dir.resolve("typo.conf");
    Files.writeString(f, "akka.whatever = 1\nbrigade.bench.outt = x\n");
    UserError e = assertThrows(UserError.class, () -> BrigadeConfig.load(f, Map.of(), Map.of()));
    assertEquals("unknown setting brigade.bench.outt (from " + f + ": 2): did you mean brigade.bench.out? "
        + "(every setting is listed in conf/application.conf)", e.getMessage());
    UserError d = assertThrows(UserError.class,
        () -> BrigadeConfig.load(null, Map.of("brigade.cluster.seed-node", "a:1"), Map.of()));
    assertTrue(d.getMessage().startsWith("unknown setting brigade.cluster.seed-node (from -D on the command line): "
        + "did you mean brigade.cluster.seed-nodes?"), d.getMessage());
    UserError flag = assertThrows(UserError.class, () -> BrigadeConfig.load(null, Map.of(),
        Map.of("brigade.primes.no-such", new BrigadeConfig.Flag("--no-such", 1))));
    assertTrue(flag.getMessage().contains("(from flag --no-such)"), flag.getMessage());
    // A whole section, akka keys and the dispatcher's Akka keys are fine.
    Files.writeString(f, "brigade.primes { pool-size = 2 }\nakka.loglevel = DEBUG\n"
        + "brigade.primes.worker-dispatcher.thread-pool-executor.fixed-pool-size = 2\n"
        + "brigade.primes.worker-dispatcher.executor = thread-pool-executor\n");
    assertEquals(2, BrigadeConfig.load(f, Map.of(), Map.of()).getInt("brigade.primes.pool-size"));
  }

  @Test
  void theKnownKeysAreTheBundledFilesOwn() {
    KnownKeys k = KnownKeys.of(BrigadeConfig.bundledDefaults());
    assertEquals("brigade.primes.pool-size", k.nearest("brigade.primes.pool-sise"));
    assertEquals("brigade.restaurant.cook-time", k.nearest("brigade.restaurant.cooktime"));
    KnownKeys more = KnownKeys.of(com.typesafe.config.ConfigFactory.parseString("brigade.new-section.knob = 1")
        .withFallback(BrigadeConfig.bundledDefaults()));
    assertEquals("brigade.new-section.knob", more.nearest("brigade.new-section.knb"));
    assertEquals(0, KnownKeys.distance("abc", "abc"));
    assertEquals(1, KnownKeys.distance("pool-sise", "pool-size"));
    assertEquals(3, KnownKeys.distance("", "abc"));
  }

  @Test
  void sourcesNameTheFileARunWasBuiltFrom() throws Exception {
    Path f = dir.resolve("s.conf");
    Files.writeString(f, "brigade.restaurant.orders = 3\n");
    BrigadeConfig.Sources s = BrigadeConfig.sources(BrigadeConfig.load(f, Map.of(), Map.of()));
    assertEquals(f.toAbsolutePath().normalize().toString(), s.settings());
    assertTrue(s.logging().endsWith("logback-test.xml"), s.logging()); // tests log with their own file
    // The working directory's conf/application.conf (tests run in the project directory), else the bundled ones.
    assertEquals(BrigadeConfig.DEFAULT_FILE.toAbsolutePath().toString(),
        BrigadeConfig.sources(BrigadeConfig.load(null, Map.of(), Map.of())).settings());
    assertEquals(BrigadeConfig.Sources.BUNDLED, BrigadeConfig.sources(BrigadeConfig.defaults()).settings());
    assertEquals(BrigadeConfig.Sources.BUNDLED,
        BrigadeConfig.sources(com.typesafe.config.ConfigFactory.empty()).settings());
    assertEquals("config: bundled defaults; logging: bundled logback.xml",
        new BrigadeConfig.Sources("bundled", "bundled").toText());
    assertEquals("config: /a/b.conf (over the bundled defaults); logging: /a/log.xml",
        new BrigadeConfig.Sources("/a/b.conf", "/a/log.xml").toText());
    assertEquals("config: bundled defaults; logging: bundled logback.xml; JVM options: -XX:Tier4InvocationThreshold=100000"
        + " -Xmx256m", new BrigadeConfig.Sources("bundled", "bundled",
            List.of("-XX:Tier4InvocationThreshold=100000", "-Xmx256m")).toText());
  }

  @Test
  void theJvmOptionsAReportNamesAreThoseThatMoveTimings() {
    assertEquals(List.of("-XX:Tier4InvocationThreshold=100000", "-Xmx256m", "-javaagent:x.jar", "-XX:+UseSerialGC"),
        BrigadeConfig.timingOptions(List.of("-XX:SharedArchiveFile=/x/brigade.jsa", "-Xshare:auto", "-Xlog:cds=off",
            "-XX:Tier4InvocationThreshold=100000", "-Dfoo=bar", "-Xmx256m", "-javaagent:x.jar", "-XX:+UseSerialGC")));
    assertEquals(List.of(), BrigadeConfig.timingOptions(List.of()));
    // Paths and commands stay private; agents by file name; the interpreter and compile modes count.
    assertEquals(List.of("-XX:OnOutOfMemoryError=…", "-XX:HeapDumpPath=…", "-XX:+HeapDumpOnOutOfMemoryError",
        "-javaagent:jacocoagent.jar", "-agentlib:jdwp", "-Xint", "-Xbatch"),
        BrigadeConfig.timingOptions(List.of("-XX:OnOutOfMemoryError=curl -H token:SECRET x", "-XX:HeapDumpPath=/home/me",
            "-XX:+HeapDumpOnOutOfMemoryError", "-javaagent:/home/me/jacocoagent.jar=destfile=/x", "-agentlib:jdwp=x=y",
            "-Xint", "-Xbatch", "-XX:+AutoCreateSharedArchive", "-ea")));
  }

  @Test
  void aJavaCommandLinesJvmOptionsEndAtTheJarOrTheMainClass() {
    assertEquals(List.of("-XX:SharedArchiveFile=/x.jsa", "-XX:Tier4InvocationThreshold=100000", "-Xmx1g"),
        BrigadeConfig.optionsBeforeMain(List.of("-XX:SharedArchiveFile=/x.jsa", "-XX:Tier4InvocationThreshold=100000",
            "-Xmx1g", "-jar", "brigade.jar", "primes", "-XX:NotMine")));
    assertEquals(List.of("-Xss2m", "-XX:+UseSerialGC"), BrigadeConfig.optionsBeforeMain(
        List.of("-Xss2m", "-cp", "a.jar:b.jar", "-XX:+UseSerialGC", "brigade.cli.Main", "-Xmx9g")));
    // An argfile is options, not the main class: jvmArguments then asks the management API for what it held.
    assertEquals(List.of("@jvm.txt", "-Xmx1g"),
        BrigadeConfig.optionsBeforeMain(List.of("@jvm.txt", "-Xmx1g", "-jar", "brigade.jar", "@not-mine")));
    // This JVM's own: whatever surefire gave it, never a program argument.
    assertTrue(BrigadeConfig.jvmArguments().stream().allMatch(a -> a.startsWith("-")), BrigadeConfig.jvmArguments()
        .toString());
  }
}
