package brigade.restaurant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

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

/** The shaded jar, run as a user runs it: a separate JVM, its exit code, its stdout. */
class RestaurantJarIT {
  @TempDir Path tmp;

  private Process start(String... args) throws Exception {
    String jar = System.getProperty("brigade.jar", "target/brigade.jar");
    assertTrue(new File(jar).isFile(), "no jar at " + jar + " (run through `mvn verify`)");
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd)
        .redirectOutput(tmp.resolve("out.txt").toFile())
        .redirectError(tmp.resolve("err.txt").toFile()) // the event log: to a file, so it can never block
        .start();
  }

  private int finish(Process p) throws Exception {
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("brigade did not finish in 120 s; log:\n" + Files.readString(tmp.resolve("err.txt")));
    }
    return p.exitValue();
  }

  @Test
  void fiftyOrdersAsJson() throws Exception {
    Process p = start("restaurant", "--orders", "50", "--json", "--time-scale", "0.001");
    int code = finish(p);
    String out = Files.readString(tmp.resolve("out.txt"));
    assertEquals(0, code, Files.readString(tmp.resolve("err.txt")));
    JsonNode j = Json.mapper().readTree(out);
    assertEquals(50, j.get("ordersReceived").asLong());
    assertEquals(50, j.get("ordersServed").asLong() + j.get("ordersCancelled").asLong());
    assertEquals(j.get("ordersServed").asLong(), j.get("dishesRetrieved").asLong());
    assertEquals(4, j.get("staff").size());
  }

  @Test
  void aBadFlagIsOneLineAndExitTwo() throws Exception {
    int code = finish(start("restaurant", "--workers", "-1"));
    assertEquals(2, code);
    List<String> err = Files.readAllLines(tmp.resolve("err.txt")).stream().filter(l -> !l.isBlank()).toList();
    assertEquals(1, err.size(), String.join("\n", err));
    assertTrue(err.get(0).contains("brigade.restaurant.workers = -1"), err.get(0));
  }

  /** SIGTERM runs the same JVM shutdown hook as Ctrl-C: the restaurant closes and still prints its summary. */
  @Test
  void aShutdownSignalClosesGracefullyAndPrintsTheSummary() throws Exception {
    assumeFalse(System.getProperty("os.name").toLowerCase().contains("win"), "destroy() is not a signal on Windows");
    Process p = start("restaurant", "--orders", "40", "--json", "--time-scale", "1");
    Path err = tmp.resolve("err.txt");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.readString(err).contains("starts its shift")) {
      assertTrue(p.isAlive(), "ended before starting: " + Files.readString(err));
      assertTrue(System.nanoTime() < deadline, "restaurant did not open in 60 s");
      Thread.sleep(50); // the test's own thread, polling a file: not the code under test
    }
    p.destroy(); // SIGTERM
    int code = finish(p);
    assertTrue(code == 130 || code == 143, "exit " + code);
    JsonNode j = Json.mapper().readTree(Files.readString(tmp.resolve("out.txt")));
    assertEquals(40, j.get("ordersReceived").asLong());
    assertEquals(40, j.get("ordersServed").asLong() + j.get("ordersCancelled").asLong());
    assertEquals("closed on request", j.get("closedBy").asText());
  }
}
