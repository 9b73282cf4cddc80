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
    return startWith(List.of(), args);
  }

  private Process startWith(List<String> jvmOptions, String... args) throws Exception {
    String jar = System.getProperty("brigade.jar", "target/brigade.jar");
    assertTrue(new File(jar).isFile(), "no jar at " + jar + " (run through `mvn verify`)");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-jar", jar));
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
  void aTraceAndATimelineOfARunWithAFaultAndAHardStop() throws Exception {
    Path trace = tmp.resolve("t.json");
    Path png = tmp.resolve("t.png");
    int code = finish(start("restaurant", "--orders", "20", "--time-scale", "0.01", "--fault-rate", "0.1",
        "--hard-stop", "worker-1@30ms", "--trace", trace.toString(), "--timeline", png.toString(), "--json"));
    assertEquals(0, code, Files.readString(tmp.resolve("err.txt")));
    JsonNode j = Json.mapper().readTree(Files.readString(tmp.resolve("out.txt")));
    assertTrue(j.get("trace").get("events").asLong() > 0, j.toString());
    brigade.trace.TraceCheck t = brigade.trace.TraceCheck.of(trace);
    assertEquals(j.get("restarts").asLong(), t.named("i", "restarted").size());
    assertEquals(1, t.named("i", "hard stop").size());
    assertTrue(Files.size(png) > 0);
    for (JsonNode s : j.get("staff")) assertTrue(s.has("utilisation") && s.has("longestIdleMillis"), s.toString());
  }

  @Test
  void aTraceWriteThatFailsMidRunIsOneLineAndExitOne() throws Exception {
    assumeFalse(!Files.exists(Path.of("/dev/full")), "needs /dev/full (a device that is always full)");
    int code = finish(start("restaurant", "--orders", "2000", "--time-scale", "0.001", "--order-log", "off",
        "--trace", "/dev/full"));
    String out = Files.readString(tmp.resolve("out.txt"));
    assertEquals(1, code, Files.readString(tmp.resolve("err.txt")));
    assertTrue(out.contains("Restaurant summary"), "the summary is still printed: " + out);
    List<String> failed = Files.readAllLines(tmp.resolve("err.txt")).stream()
        .filter(l -> l.startsWith("restaurant: failed:")).toList();
    assertEquals(List.of("restaurant: failed: cannot write the trace file '/dev/full': No space left on device"), failed);
  }

  @Test
  void aBadFlagIsOneLineAndExitTwo() throws Exception {
    int code = finish(start("restaurant", "--workers", "-1"));
    assertEquals(2, code);
    List<String> err = Files.readAllLines(tmp.resolve("err.txt")).stream().filter(l -> !l.isBlank()).toList();
    assertEquals(1, err.size(), String.join("\n", err));
    assertTrue(err.get(0).contains("brigade.restaurant.workers = '-1'"), err.get(0));
  }

  /** Waits until stderr has a line containing {@code text} (polling the file; the process must stay up). */
  private void awaitErr(Process p, String text) throws Exception {
    Path err = tmp.resolve("err.txt");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.readString(err).contains(text)) {
      assertTrue(p.isAlive(), "ended before '" + text + "': " + Files.readString(err));
      assertTrue(System.nanoTime() < deadline, "no '" + text + "' in 60 s: " + Files.readString(err));
      Thread.sleep(20); // the test's own thread, polling a file: not the code under test
    }
  }

  private static void ctrlC(Process p) throws Exception {
    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
  }

  /**
   * Ctrl-C twice: the first closes and says what it waits for, the second stops everything now. The summary is
   * printed and its counts hold, exit 130.
   */
  @Test
  void ctrlCTwiceStopsNowPrintsTheSummaryAndExits130() throws Exception {
    assumeFalse(System.getProperty("os.name").toLowerCase().contains("win"), "no kill -INT on Windows");
    // 200 orders at time-scale 1 take about 20 s, and close-timeout 1h: only the second Ctrl-C can end this soon.
    Process p = start("restaurant", "--orders", "200", "--json", "--close-timeout", "1h");
    awaitErr(p, "starts its shift");
    ctrlC(p);
    awaitErr(p, "Ctrl-C again to stop now");
    String line = Files.readAllLines(tmp.resolve("err.txt")).stream()
        .filter(l -> l.contains("Ctrl-C again")).findFirst().orElseThrow();
    assertTrue(line.matches("closing: \\d+ orders? in flight, up to 3600 s; Ctrl-C again to stop now"), line);
    ctrlC(p);
    int code = finish(p);
    assertEquals(130, code, Files.readString(tmp.resolve("err.txt")));
    JsonNode j = Json.mapper().readTree(Files.readString(tmp.resolve("out.txt")));
    assertEquals("stopped on a second close request (hard stop)", j.get("closedBy").asText());
    assertEquals(200, j.get("ordersPlanned").asLong());
    long received = j.get("ordersReceived").asLong();
    assertEquals(200, received, "200 fit in the book: all were taken in");
    assertEquals(received, j.get("ordersServed").asLong() + j.get("ordersCancelled").asLong());
    assertTrue(j.get("ordersCancelled").asLong() > 0, "unserved orders are cancelled");
    assertEquals(j.get("ordersServed").asLong(),
        j.get("dishesRetrieved").asLong() + j.get("dishesNotRetrieved").asLong());
    for (JsonNode s : j.get("staff")) assertEquals("hard stop", s.get("exit").asText());
  }

  /**
   * Memory follows the orders in flight, not the orders planned: 2,000,000 orders with every step at 0 s pass
   * through a 48 MB heap (the book held every order not yet served before: hundreds of MB).
   */
  @Test
  void twoMillionOrdersPassThroughASmallHeap() throws Exception {
    Process p = startWith(List.of("-Xmx48m"), "restaurant", "--orders", "2000000", "--json", "--cook-time", "0s",
        "--delivery-time", "0s", "--eating-time", "0s", "--retrieval-time", "0s");
    int code = finish(p);
    assertEquals(0, code, Files.readString(tmp.resolve("err.txt")));
    JsonNode j = Json.mapper().readTree(Files.readString(tmp.resolve("out.txt")));
    assertEquals(2_000_000, j.get("ordersReceived").asLong());
    assertEquals(2_000_000, j.get("ordersServed").asLong());
    assertEquals(2_000_000, j.get("dishesRetrieved").asLong());
    assertTrue(j.get("peakOrdersInFlight").asLong() <= 1024, "the book's window: " + j.get("peakOrdersInFlight"));
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
