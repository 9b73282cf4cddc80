package brigade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import brigade.report.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #12 item 11, from the jar as users run it: conf/application.conf and conf/logback.xml in the working
 * directory both take effect, --config and --log-config name others, and the report says which were used.
 */
class ConfigFilesJarIT {
  @TempDir Path work;

  private record Run(int code, String out, List<String> err) {}

  private Run run(Path dir, String... args) throws Exception {
    String jar = Path.of(System.getProperty("brigade.jar", "target/brigade.jar")).toAbsolutePath().toString();
    assertTrue(new File(jar).isFile(), "no jar at " + jar + " (run through `mvn verify`)");
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    Process p = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("brigade did not finish in 120 s");
    }
    return new Run(p.exitValue(), Files.readString(out),
        Files.readAllLines(err).stream().filter(l -> !l.isBlank()).toList());
  }

  /** A logback file whose every line starts with {@code tag}. */
  private static String logback(String tag) {
    return "<configuration>\n"
        + "  <appender name=\"E\" class=\"ch.qos.logback.core.ConsoleAppender\">\n"
        + "    <target>System.err</target>\n"
        + "    <encoder><pattern>" + tag + " %-5level %msg%n</pattern></encoder>\n"
        + "  </appender>\n"
        + "  <logger name=\"akka\" level=\"WARN\"/>\n"
        + "  <root level=\"INFO\"><appender-ref ref=\"E\"/></root>\n"
        + "</configuration>\n";
  }

  @Test
  void theWorkingDirectorysConfFilesAreUsedAndNamed() throws Exception {
    Path dir = Files.createDirectories(work.resolve("project"));
    Files.createDirectories(dir.resolve("conf"));
    Files.writeString(dir.resolve("conf/application.conf"), "brigade.restaurant.orders = 3\n");
    Files.writeString(dir.resolve("conf/logback.xml"), logback("FROM-CONF"));
    Run r = run(dir, "restaurant", "--time-scale", "0.001", "--json");
    assertEquals(0, r.code(), String.join("\n", r.err()));
    JsonNode j = Json.mapper().readTree(r.out());
    assertEquals(3, j.get("ordersReceived").asLong());
    assertEquals(dir.resolve("conf/application.conf").toRealPath().toString(),
        Path.of(j.get("config").get("settings").asText()).toRealPath().toString());
    assertEquals(dir.resolve("conf/logback.xml").toRealPath().toString(),
        Path.of(j.get("config").get("logging").asText()).toRealPath().toString());
    assertTrue(!r.err().isEmpty() && r.err().stream().allMatch(l -> l.startsWith("FROM-CONF ")), r.err().toString());

    // --config and --log-config name other files, from anywhere.
    Path other = Files.createDirectories(work.resolve("elsewhere"));
    Files.writeString(other.resolve("mine.conf"), "brigade.restaurant.orders = 4\n");
    Files.writeString(other.resolve("mine.xml"), logback("FROM-FLAG"));
    Run flags = run(dir, "restaurant", "--time-scale", "0.001", "--config", other.resolve("mine.conf").toString(),
        "--log-config", other.resolve("mine.xml").toString());
    assertEquals(0, flags.code(), String.join("\n", flags.err()));
    assertTrue(flags.out().matches("(?s).*orders received +4\n.*"), flags.out());
    assertTrue(flags.out().contains("config: " + other.resolve("mine.conf") + " (over the bundled defaults); logging: "
        + other.resolve("mine.xml")), flags.out());
    assertTrue(!flags.err().isEmpty() && flags.err().stream().allMatch(l -> l.startsWith("FROM-FLAG ")),
        flags.err().toString());
  }

  @Test
  void anUneditedConfLogbackXmlIsNamedAsTheFileInUse() throws Exception {
    // The file as shipped is the one bundled: logback is not configured twice for it, but the report names it.
    Path dir = Files.createDirectories(work.resolve("shipped"));
    Files.createDirectories(dir.resolve("conf"));
    Files.copy(Path.of("conf", "logback.xml"), dir.resolve("conf/logback.xml"));
    Run r = run(dir, "restaurant", "--orders", "2", "--time-scale", "0.001");
    assertEquals(0, r.code(), String.join("\n", r.err()));
    assertTrue(r.out().contains("; logging: " + dir.resolve("conf/logback.xml").toAbsolutePath().normalize()), r.out());
  }

  @Test
  void withoutConfFilesTheBundledDefaultsAreUsedAndNamed() throws Exception {
    Path empty = Files.createDirectories(work.resolve("empty"));
    Run r = run(empty, "restaurant", "--orders", "2", "--time-scale", "0.001");
    assertEquals(0, r.code(), String.join("\n", r.err()));
    assertTrue(r.out().contains("config: bundled defaults; logging: bundled logback.xml"), r.out());
  }

  @Test
  void anUnknownKeyInTheWorkingDirectorysFileIsOneLineAndExit2() throws Exception {
    Path dir = Files.createDirectories(work.resolve("typo"));
    Files.createDirectories(dir.resolve("conf"));
    Files.writeString(dir.resolve("conf/application.conf"), "brigade.primes.pool-sise = 3\n");
    Run r = run(dir, "primes", "check", "97");
    assertEquals(2, r.code(), String.join("\n", r.err()));
    assertEquals(1, r.err().size(), String.join("\n", r.err()));
    assertTrue(r.err().get(0).startsWith("brigade primes check: unknown setting brigade.primes.pool-sise (from "),
        r.err().get(0));
    assertTrue(r.err().get(0).contains("did you mean brigade.primes.pool-size?"), r.err().get(0));
    assertEquals("", r.out());
  }
}
