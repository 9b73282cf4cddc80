package brigade.restaurant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import brigade.testkit.BrigadeTestKit;
import brigade.trace.TraceCheck;
import brigade.trace.Tracer;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A traced restaurant run: each served order's cook, deliver and retrieve slices joined by one flow, faults as
 * restart instants, hard stops marked, and the utilisation columns filled with or without a trace.
 */
@BrigadeTestKit
class RestaurantTraceTest {

  private static Summary run(ActorTestKit kit, RestaurantSettings s, Faults faults, Tracer tracer,
      java.util.function.Consumer<ActorRef<Restaurant.Command>> poke) {
    TestProbe<Summary> summary = kit.createTestProbe();
    ActorRef<Restaurant.Command> r = kit.spawn(Restaurant.create(s,
        new Restaurant.Options(faults, null, System::nanoTime, null).withTracer(tracer)));
    poke.accept(r);
    r.tell(new Restaurant.WhenClosed(summary.ref()));
    return summary.receiveMessage(Duration.ofSeconds(30));
  }

  @Test
  void everyServedOrderHasOneCookDeliverAndRetrieveSliceJoinedByOneFlow(ActorTestKit kit, @TempDir Path dir) {
    Path file = dir.resolve("t.json");
    Tracer tracer = Tracer.open(file, 1_000_000, "--trace");
    RestaurantSettings s = RestaurantTest.settings("orders = 40, workers = 2, delivery = 2, retrieval = 1, "
        + "time-scale = 0.001, fault-rate = 0.15, seed = 3, order-log = off");
    Summary summary = run(kit, s, s.faults(), tracer, r -> {});
    Tracer.Result result = tracer.close();
    assertEquals(0, result.cutByCap());
    assertEquals(0, result.dropped());
    TraceCheck trace = TraceCheck.of(file); // valid, fields per phase, no overlap on a track, counters >= 0

    assertEquals(40, summary.ordersServed());
    Map<String, Map<Long, Integer>> steps = new HashMap<>();
    for (JsonNode x : trace.slices()) {
      if (!x.path("cat").asText().equals("order") || x.get("name").asText().contains("dropped")) continue;
      steps.computeIfAbsent(x.get("name").asText(), k -> new HashMap<>())
          .merge(x.get("args").get("order").asLong(), 1, Integer::sum);
    }
    for (String step : List.of("cook", "deliver", "retrieve")) {
      Map<Long, Integer> perOrder = steps.get(step);
      assertEquals(40, perOrder.size(), step + " slices for every order");
      assertTrue(perOrder.values().stream().allMatch(n -> n == 1), step + " exactly once per order: " + perOrder);
    }
    // One flow per order: start at the cook, a step at the delivery, the finish at the retrieval.
    Map<Long, String> flows = new HashMap<>();
    for (JsonNode e : trace.events) {
      String ph = e.get("ph").asText();
      if (ph.equals("s") || ph.equals("t") || ph.equals("f")) flows.merge(e.get("id").asLong(), ph, String::concat);
    }
    assertEquals(40, flows.size());
    assertTrue(flows.values().stream().allMatch("stf"::equals), flows.toString());
    // Injected faults show as restart instants, one per restart in the summary.
    assertTrue(summary.restarts() > 0, "the seed makes faults");
    assertEquals(summary.restarts(), trace.named("i", "restarted").size());
    assertEquals(5, trace.named("i", "retired").size(), "every staff actor retired");
    assertEquals(40, trace.named("b", "eating").size());
    assertEquals(40, trace.named("e", "eating").size());
    assertTrue(trace.named("C", "orders waiting").size() > 0);
    assertTrue(trace.named("C", "clean dishes").size() > 0);
  }

  @Test
  void theStepsAreJfrEventsWhenARecordingRuns(ActorTestKit kit, @TempDir Path dir) throws Exception {
    RestaurantSettings s = RestaurantTest.settings("orders = 15, time-scale = 0.001, order-log = off");
    Summary summary;
    Path file = dir.resolve("r.jfr");
    try (jdk.jfr.Recording rec = new jdk.jfr.Recording()) {
      rec.enable("brigade.OrderStep");
      rec.enable("brigade.StaffLifecycle");
      rec.start();
      summary = run(kit, s, Faults.NONE, Tracer.OFF, r -> {}); // no trace: JFR stands on its own
      rec.stop();
      rec.dump(file);
    }
    List<jdk.jfr.consumer.RecordedEvent> events = jdk.jfr.consumer.RecordingFile.readAllEvents(file);
    Map<String, Long> steps = new HashMap<>();
    for (jdk.jfr.consumer.RecordedEvent e : events) {
      if (e.getEventType().getName().equals("brigade.OrderStep")) steps.merge(e.getString("step"), 1L, Long::sum);
    }
    assertEquals(Map.of("cook", 15L, "deliver", 15L, "retrieve", 15L), steps);
    assertEquals(summary.staff().size(), events.stream().filter(e -> e.getEventType().getName()
        .equals("brigade.StaffLifecycle") && e.getString("what").equals("retired")).count());
  }

  @Test
  void aHardStopIsMarkedAndTheColumnsAreFilledWithoutATrace(ActorTestKit kit, @TempDir Path dir) {
    Path file = dir.resolve("t.json");
    Tracer tracer = Tracer.open(file, 1_000_000, "--trace");
    RestaurantSettings s = RestaurantTest.settings("orders = 30, workers = 2, time-scale = 0.01, order-log = off");
    Summary summary = run(kit, s, Faults.NONE, tracer, r -> r.tell(new Restaurant.HardStop("worker-1")));
    tracer.close();
    TraceCheck trace = TraceCheck.of(file);
    List<JsonNode> stops = trace.named("i", "hard stop");
    assertEquals(1, stops.size());
    assertEquals("worker-1", trace.trackOf(stops.get(0)));
    assertTrue(trace.named("i", "supervisor saw Terminated").stream().anyMatch(e -> trace.trackOf(e).equals("worker-1")
        && e.get("args").get("exit").asText().equals("hard stop")));

    Summary untraced = run(kit, s, Faults.NONE, Tracer.OFF, r -> {});
    for (Summary sum : List.of(summary, untraced)) {
      for (Summary.StaffReport st : sum.staff()) {
        assertTrue(st.utilisation() >= 0 && st.utilisation() <= 1, st.toString());
        assertTrue(st.longestIdleMillis() >= 0 && st.longestIdleMillis() <= sum.wallMillis() + 1, st.toString());
      }
      Summary.StaffReport w2 = sum.staff().stream().filter(st -> st.name().equals("worker-2")).findFirst().orElseThrow();
      assertTrue(w2.utilisation() > 0, "worker-2 cooked: " + w2);
    }
  }
}
