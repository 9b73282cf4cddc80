package brigade.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * A trace file, parsed with Jackson, and the rules every trace must keep: valid JSON with {@code traceEvents}; each
 * event has the fields its phase needs; slices on one track never overlap (an actor does one thing at a time);
 * counters never go negative.
 */
public final class TraceCheck {
  public final JsonNode root;
  public final List<JsonNode> events;

  private TraceCheck(JsonNode root) {
    this.root = root;
    this.events = new ArrayList<>();
    root.get("traceEvents").forEach(events::add);
  }

  /** Parses the file (failing the test when it is not valid JSON or has no traceEvents array) and checks it. */
  public static TraceCheck of(Path file) {
    try {
      return of(new ObjectMapper().readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("not valid JSON: " + file, e);
    }
  }

  /** Parses the bytes and checks them. */
  public static TraceCheck of(byte[] json) {
    try {
      return of(new ObjectMapper().readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException("not valid JSON", e);
    }
  }

  private static TraceCheck of(JsonNode root) {
    assertTrue(root.isObject(), "a JSON object");
    assertTrue(root.path("traceEvents").isArray(), "with a traceEvents array");
    TraceCheck t = new TraceCheck(root);
    t.assertPhasesComplete();
    t.assertNoOverlapOnATrack();
    t.assertCountersNotNegative();
    return t;
  }

  void assertPhasesComplete() {
    for (JsonNode e : events) {
      String ph = e.path("ph").asText();
      assertTrue(e.path("pid").isInt() && e.path("tid").isInt(), "pid and tid: " + e);
      assertTrue(e.path("name").isTextual(), "a name: " + e);
      if (!ph.equals("M")) assertTrue(e.path("ts").isNumber() && e.path("ts").asDouble() >= 0, "ts: " + e);
      switch (ph) {
        case "M" -> assertTrue(e.path("args").isObject(), "metadata args: " + e);
        case "X" -> assertTrue(e.path("dur").isNumber() && e.path("dur").asDouble() >= 0, "dur: " + e);
        case "i" -> assertEquals("t", e.path("s").asText(), "instant scope: " + e);
        case "b", "e" -> assertTrue(e.path("id").isTextual() && e.path("cat").isTextual(), "async id, cat: " + e);
        case "s", "t", "f" -> assertTrue(e.path("id").isNumber() && e.path("cat").isTextual(), "flow id, cat: " + e);
        case "C" -> assertTrue(e.path("args").isObject() && e.path("args").size() > 0, "counter args: " + e);
        default -> throw new AssertionError("unexpected phase " + ph + ": " + e);
      }
    }
  }

  void assertNoOverlapOnATrack() {
    Map<String, List<JsonNode>> byTrack = new HashMap<>();
    for (JsonNode e : slices()) byTrack.computeIfAbsent(e.get("pid") + "/" + e.get("tid"), k -> new ArrayList<>()).add(e);
    for (Map.Entry<String, List<JsonNode>> t : byTrack.entrySet()) {
      List<JsonNode> s = new ArrayList<>(t.getValue());
      s.sort(Comparator.comparingDouble(e -> e.get("ts").asDouble()));
      for (int i = 1; i < s.size(); i++) {
        double prevEnd = s.get(i - 1).get("ts").asDouble() + s.get(i - 1).get("dur").asDouble();
        // 1 ns of slack: times are written in microseconds with three decimals
        assertTrue(s.get(i).get("ts").asDouble() >= prevEnd - 0.001,
            "slices overlap on track " + t.getKey() + ": " + s.get(i - 1) + " and " + s.get(i));
      }
    }
  }

  void assertCountersNotNegative() {
    for (JsonNode e : events) {
      if (!e.path("ph").asText().equals("C")) continue;
      e.get("args").forEach(v -> assertTrue(v.isNumber() && v.asDouble() >= 0, "counter below 0: " + e));
    }
  }

  /** @return the complete events ("X") */
  public List<JsonNode> slices() {
    return events.stream().filter(e -> e.path("ph").asText().equals("X")).toList();
  }

  /** @return the events of this phase and name */
  public List<JsonNode> named(String ph, String name) {
    return events.stream().filter(e -> e.path("ph").asText().equals(ph) && e.path("name").asText().equals(name))
        .toList();
  }

  /** @return track names by "pid/tid" */
  public Map<String, String> trackNames() {
    Map<String, String> m = new HashMap<>();
    for (JsonNode e : named("M", "thread_name")) m.put(e.get("pid") + "/" + e.get("tid"), e.get("args").get("name").asText());
    return m;
  }

  /** @return process names by pid */
  public Map<Integer, String> processNames() {
    Map<Integer, String> m = new HashMap<>();
    for (JsonNode e : named("M", "process_name")) m.put(e.get("pid").asInt(), e.get("args").get("name").asText());
    return m;
  }

  /** @return the name of the track this event is on */
  public String trackOf(JsonNode e) {
    return trackNames().get(e.get("pid") + "/" + e.get("tid"));
  }

  /** @return a field of otherData */
  public JsonNode other(String field) {
    return root.path("otherData").path(field);
  }

  static boolean isEmpty(Iterable<?> it) {
    return !StreamSupport.stream(it.spliterator(), false).findAny().isPresent();
  }

  static void assertNotEmpty(List<?> l, String what) {
    assertFalse(l.isEmpty(), what);
  }
}
