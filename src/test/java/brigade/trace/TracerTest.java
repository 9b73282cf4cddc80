package brigade.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import brigade.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trace writer: valid Chrome trace JSON for every phase, the cap, a failing file, a path refused up front. */
class TracerTest {

  @Test
  void everyPhaseIsWrittenWithTheFieldsItNeeds() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Tracer t = Tracer.to(out, 1000);
    Tracer.Track a = t.track("node x", "worker-1");
    Tracer.Track b = t.track("node x", "worker-2");
    long now = System.nanoTime();
    t.complete(a, "batch", "batch", now, 1_500, "batch", 7L, "numbers", 3, "ok", true, "thread", "d-1");
    t.complete(a, "batch", "batch", now + 2_000, 1_000);
    t.flow(a, 's', "batch", 1, now + 100);
    t.flow(b, 'f', "batch", 1, now + 3_000);
    t.instant(b, "restarted", now + 3_000, "error", "boom \"quoted\"");
    t.counter(a, "queue", now, "waiting", 2L);
    t.asyncBegin(b, "customers", "eating", 42, now);
    t.asyncEnd(b, "customers", "eating", 42, now + 9_000);
    t.note("clock node x", "offset 0 us");
    Tracer.Result r = t.close();
    assertNull(r.error());
    assertEquals(8, r.written());
    TraceCheck c = TraceCheck.of(out.toByteArray());
    assertEquals("worker-1", c.trackNames().get("1/1"));
    assertEquals("node x", c.processNames().get(1));
    JsonNode first = c.slices().get(0);
    assertEquals(1.5, first.get("dur").asDouble(), 1e-9);
    assertEquals(7, first.get("args").get("batch").asLong());
    assertEquals("boom \"quoted\"", c.named("i", "restarted").get(0).get("args").get("error").asText());
    assertEquals("e", c.events.stream().filter(e -> e.get("ph").asText().equals("f")).findFirst().orElseThrow()
        .get("bp").asText());
    assertEquals(8, c.other("events").asInt());
    assertEquals("offset 0 us", c.other("clock node x").asText());
  }

  @Test
  void theCapStopsWritingAndSaysHowManyWereCut() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Tracer t = Tracer.to(out, 5);
    Tracer.Track a = t.track("p", "a");
    long now = System.nanoTime();
    for (int i = 0; i < 12; i++) t.complete(a, "step", "x", now + i * 10L, 5);
    Tracer.Result r = t.close();
    assertEquals(5, r.written());
    assertEquals(7, r.cutByCap());
    assertTrue(r.toText().contains("cut short at the cap"), r.toText());
    TraceCheck c = TraceCheck.of(out.toByteArray());
    assertEquals(5, c.slices().size());
    assertEquals(7, c.other("cutByCap").asInt());
  }

  @Test
  void aCapOfZeroWritesOnlyTheNames() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Tracer t = Tracer.to(out, 0);
    t.instant(t.track("p", "a"), "ready", System.nanoTime());
    Tracer.Result r = t.close();
    assertEquals(0, r.written());
    assertEquals(1, r.cutByCap());
    assertEquals("a", TraceCheck.of(out.toByteArray()).trackNames().get("1/1"));
  }

  @Test
  void aWriteThatFailsIsReportedOnceAndTheRunGoesOn() {
    OutputStream full = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("No space left on device");
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        throw new IOException("No space left on device");
      }
    };
    Tracer t = Tracer.to(full, 1_000_000);
    Tracer.Track a = t.track("p", "a");
    // More than the writer's buffer, so that the failure happens while the run goes on.
    for (int i = 0; i < 5_000; i++) t.complete(a, "step", "x", System.nanoTime(), 5, "i", i);
    Tracer.Result r = t.close();
    assertNotNull(r.error());
    assertTrue(r.error().contains("No space left on device"), r.error());
    assertEquals(r, t.close(), "closing again changes nothing");
  }

  @Test
  void offRecordsNothingAndClosesEmpty() {
    assertFalse(Tracer.OFF.on());
    Tracer.OFF.complete(Tracer.OFF.track("p", "a"), "x", "x", 0, 0);
    assertEquals(0, Tracer.OFF.close().written());
  }

  @Test
  void aFileIsStreamedAndClosedValid(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("t.json");
    Tracer t = Tracer.open(f, 100, "--trace");
    t.instant(t.track("p", "a"), "ready", System.nanoTime());
    Tracer.Result r = t.close();
    assertEquals(f, r.file());
    assertEquals(1, TraceCheck.of(f).named("i", "ready").size());
    assertTrue(Files.size(f) > 0);
  }

  @Test
  void aPathThatCannotBeWrittenIsRefusedUpFront(@TempDir Path dir) {
    UserError e = assertThrows(UserError.class, () -> Tracer.open(dir.resolve("no/such/t.json"), 10, "--trace"));
    assertTrue(e.getMessage().startsWith("--trace: cannot write the trace file: directory "), e.getMessage());
    UserError d = assertThrows(UserError.class, () -> Tracer.open(dir, 10, "--trace"));
    assertTrue(d.getMessage().contains("is a directory"), d.getMessage());
  }

  @Test
  void microsecondsAreFixedPointWithThreeDecimals() {
    assertEquals("0.000", Tracer.micros(0));
    assertEquals("0.005", Tracer.micros(5));
    assertEquals("1.050", Tracer.micros(1_050));
    assertEquals("123456789.123", Tracer.micros(123_456_789_123L));
    assertEquals("0.000", Tracer.micros(-7), "before the trace opened: at its start");
  }
}
