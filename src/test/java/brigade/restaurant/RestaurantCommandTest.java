package brigade.restaurant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import brigade.cli.CliRun;
import brigade.report.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestaurantCommandTest {
  @Test
  void jsonSummaryIsOneObjectWithConsistentCounts() throws Exception {
    CliRun r = CliRun.of("restaurant", "--orders", "50", "--json", "--time-scale", "0.001");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = Json.mapper().readTree(r.out()); // the whole of stdout is the one object
    assertTrue(j.isObject());
    for (String key : List.of("ordersReceived", "ordersServed", "ordersCancelled", "dishesRetrieved", "staff",
        "latencyMillis", "wallMillis")) {
      assertTrue(j.has(key), key + " in " + r.out());
    }
    assertEquals(50, j.get("ordersReceived").asLong());
    assertEquals(50, j.get("ordersServed").asLong() + j.get("ordersCancelled").asLong());
    assertEquals(j.get("ordersServed").asLong(), j.get("dishesRetrieved").asLong());
    assertTrue(j.get("latencyMillis").has("p50") && j.get("latencyMillis").has("p99"));
    assertEquals(4, j.get("staff").size());
    for (JsonNode s : j.get("staff")) {
      assertTrue(s.has("name") && s.has("role") && s.has("handled"), s.toString());
    }
    // A rate reads as one: at most one decimal, never fifteen.
    String perSecond = j.get("ordersPerSecond").asText();
    assertTrue(perSecond.matches("\\d+(\\.\\d)?"), perSecond);
  }

  @Test
  void theTraceCapIsHonouredAndTheReportSaysItCutTheTrace(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path file = dir.resolve("t.json");
    CliRun r = CliRun.of("restaurant", "--orders", "30", "--time-scale", "0.001", "--order-log", "off",
        "--trace", file.toString(), "-Dbrigade.trace.max-events=25");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("trace: 25 events in " + file + "; cut short at the cap (brigade.trace.max-events = 25)"),
        r.out());
    brigade.trace.TraceCheck trace = brigade.trace.TraceCheck.of(file);
    assertEquals(25, trace.events.stream().filter(e -> !e.get("ph").asText().equals("M")).count());
    assertTrue(trace.other("cutByCap").asLong() > 0);
    // The columns are there with or without a trace.
    assertTrue(r.out().contains("utilisation") && r.out().contains("longest idle ms"), r.out());
  }

  @Test
  void flagsOverrideConfigAndTheTableNamesEveryStaffActor() {
    CliRun r = CliRun.of("restaurant", "--workers", "3", "--delivery", "2", "--orders", "30", "--time-scale", "0.0001",
        "-Dbrigade.restaurant.retrieval=2");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("orders received"), r.out());
    assertTrue(r.out().contains("orders/s"), r.out());
    for (String name : List.of("worker-1", "worker-2", "worker-3", "delivery-1", "delivery-2", "retrieval-1", "retrieval-2")) {
      assertTrue(r.out().contains(name), name + " in " + r.out());
    }
  }

  @Test
  void scheduledHardStopsAreReportedInTheSummary() throws Exception {
    // 20 orders of 100 ms cooking on 2 workers take >= 1 s: worker-1 is surely on shift at 0 ms.
    CliRun r = CliRun.of("restaurant", "--orders", "20", "--json", "--cook-time", "100ms", "--eating-time", "0s",
        "--hard-stop", "worker-1@0ms");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = Json.mapper().readTree(r.out());
    assertEquals(20, j.get("ordersServed").asLong());
    assertEquals("hard stop", j.get("staff").get(0).get("exit").asText());
    assertEquals("worker-1", j.get("staff").get(0).get("name").asText());
    assertEquals("retired", j.get("staff").get(1).get("exit").asText());
  }

  @Test
  void terminateAfterStopsEveryoneHard() throws Exception {
    CliRun r = CliRun.of("restaurant", "--orders", "100", "--json", "--cook-time", "1s", "--terminate-after", "0s");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = Json.mapper().readTree(r.out());
    assertEquals(100, j.get("ordersServed").asLong() + j.get("ordersCancelled").asLong());
    assertTrue(j.get("ordersCancelled").asLong() > 0);
    assertEquals("terminated (hard stop)", j.get("closedBy").asText());
    for (JsonNode s : j.get("staff")) assertEquals("hard stop", s.get("exit").asText());
  }

  private static void assertUsageError(String mustContain, String... args) {
    CliRun r = CliRun.of(args);
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().contains(mustContain), r.err());
    assertTrue(r.out().isEmpty(), "nothing on stdout: " + r.out());
  }

  @Test
  void badFlagsAreOneLineExitTwoNamingKeyAndValue() {
    // Flags are read as typed, through the same validation as every other source: the value quoted as given.
    assertUsageError("brigade.restaurant.workers = '-1' (from flag --workers)", "restaurant", "--workers", "-1");
    assertUsageError("brigade.restaurant.time-scale = '0'", "restaurant", "--time-scale", "0");
    assertUsageError("brigade.restaurant.fault-rate = '2'", "restaurant", "--fault-rate", "2");
    assertUsageError("brigade.restaurant.cook-time = 'fast'", "restaurant", "--cook-time", "fast");
    assertUsageError("--frobnicate", "restaurant", "--frobnicate");
    assertUsageError("brigade.restaurant.orders = 'many' (from flag --orders): expected a whole number", "restaurant",
        "--orders", "many");
    assertUsageError("brigade.restaurant.workers = '2.0' (from flag --workers): expected a whole number from 1 to 10000",
        "restaurant", "--workers", "2.0");
    assertUsageError("no staff actor named 'chef-1'", "restaurant", "--hard-stop", "chef-1@1s");
    assertUsageError("--terminate-after 'soon'", "restaurant", "--terminate-after", "soon");
    assertUsageError("rate x brigade.restaurant.duration = 2000000000 orders", "restaurant", "--rate", "1000000",
        "--duration", "2000s");
  }

  @Test
  void badConfigValuesAreOneLineExitTwo() {
    assertUsageError("brigade.restaurant.dishes = '0' (from -D on the command line)", "restaurant", "-Dbrigade.restaurant.dishes=0");
    assertUsageError("no/such.conf", "restaurant", "--config", "no/such.conf");
  }
}
