package brigade.trace;

import brigade.UserError;
import brigade.report.IoReason;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A run's trace in the Chrome Trace Event Format ({@code {"traceEvents":[...]}}), which Perfetto's UI and
 * {@code chrome://tracing} open: one process per actor system or cluster node, one track (tid) per actor.
 *
 * <p>Cheap and bounded: an actor hands an event to a bounded queue and goes on (never waits, never does I/O); one
 * writer thread of the tracer's own streams the queue to the file with Jackson's {@link JsonGenerator}, so the trace
 * is never held whole in memory. At most {@code maxEvents} events are written (the cap: later ones are counted, not
 * written); an event that finds the queue full is dropped and counted (the writer fell behind). {@link #close} (also
 * run by a JVM shutdown hook: Ctrl-C, a hard stop) ends the JSON, so a run that ends early still leaves a valid file.
 *
 * <p>{@link #OFF} is the tracer of a run without {@code --trace}: {@link #on()} is false and every method returns at
 * once. Callers guard anything they would build for an event with {@code if (tracer.on())}, so tracing off allocates
 * nothing. Times are {@link System#nanoTime()} values of this JVM; the file holds microseconds since the tracer
 * opened. Thread safe.
 */
public final class Tracer {
  /** No trace: every method returns at once. */
  public static final Tracer OFF = new Tracer();

  /** Events that may wait for the writer: 64K (a few MB), far more than a burst between two writer wake-ups. */
  static final int QUEUE_CAPACITY = 1 << 16;

  /** A track: one actor (a thread row in the viewer) of one process (an actor system or cluster node). */
  public record Track(int pid, int tid, String process, String name) {}

  /**
   * What a closed trace holds.
   *
   * @param file the trace file (null when written to a stream)
   * @param written events written (metadata naming processes and tracks not counted)
   * @param cutByCap events not written because {@code maxEvents} was reached
   * @param dropped events not written because the writer fell behind (its queue was full)
   * @param maxEvents the cap
   * @param error why writing failed (null: it did not)
   */
  public record Result(Path file, long written, long cutByCap, long dropped, long maxEvents, String error) {
    /** @return one line for the report, e.g. "trace: 1,234 events in t.json (open it in https://ui.perfetto.dev)" */
    public String toText() {
      StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "trace: %,d events in %s", written,
          file == null ? "the stream" : file));
      if (cutByCap > 0) {
        sb.append(String.format(java.util.Locale.ROOT,
            "; cut short at the cap (brigade.trace.max-events = %,d): %,d later events not written", maxEvents,
            cutByCap));
      }
      if (dropped > 0) {
        sb.append(String.format(java.util.Locale.ROOT, "; %,d events dropped (the writer fell behind)", dropped));
      }
      if (error == null && cutByCap == 0 && dropped == 0) sb.append(" (open it in https://ui.perfetto.dev)");
      return sb.toString();
    }
  }

  private static final class Event {
    final char ph;
    final Track track;
    final String name;
    final String cat;
    final long ts;
    final long dur;
    final long id;
    final Object[] args;

    Event(char ph, Track track, String name, String cat, long ts, long dur, long id, Object[] args) {
      this.ph = ph;
      this.track = track;
      this.name = name;
      this.cat = cat;
      this.ts = ts;
      this.dur = dur;
      this.id = id;
      this.args = args;
    }
  }

  private final boolean on;
  private final Path file;
  private final long maxEvents;
  private final long t0;
  private final BlockingQueue<Event> queue;
  /** Process and track names: few (one per actor), never capped or dropped, written before the next event. */
  private final ConcurrentLinkedQueue<Event> metadata = new ConcurrentLinkedQueue<>();
  private final Map<String, Integer> pids = new ConcurrentHashMap<>();
  private final Map<String, Track> tracks = new ConcurrentHashMap<>();
  private final AtomicInteger nextTid = new AtomicInteger(1);
  private final AtomicLong accepted = new AtomicLong();
  private final java.util.concurrent.atomic.LongAdder cut = new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder dropped = new java.util.concurrent.atomic.LongAdder();
  private final Map<String, Object> notes = new ConcurrentHashMap<>();
  private final Thread writer;
  private final Thread hook;
  private volatile boolean closing;
  private volatile String error;
  private long written;
  private Result result;

  private Tracer() {
    on = false;
    file = null;
    maxEvents = 0;
    t0 = 0;
    queue = null;
    writer = null;
    hook = null;
  }

  private Tracer(OutputStream out, Path file, long maxEvents, boolean shutdownHook) throws IOException {
    this.on = true;
    this.file = file;
    this.maxEvents = maxEvents;
    this.t0 = System.nanoTime();
    this.queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    JsonGenerator json = new JsonFactory().createGenerator(new BufferedOutputStream(out, 1 << 16), JsonEncoding.UTF8);
    json.writeStartObject();
    json.writeArrayFieldStart("traceEvents");
    // The writer is a thread of the tracer's own, not an actor's: blocking file I/O stays off the dispatchers.
    writer = new Thread(() -> write(json), "brigade-trace-writer");
    writer.setDaemon(true);
    writer.start();
    if (shutdownHook) {
      hook = new Thread(this::close, "brigade-trace-close");
      Runtime.getRuntime().addShutdownHook(hook);
    } else {
      hook = null;
    }
  }

  /**
   * Opens (creates or truncates) the trace file now, so that a path that cannot be written is refused before any
   * work starts.
   *
   * @param file the trace file
   * @param maxEvents the most events written, {@code >= 0}
   * @param what how the user named it, for the error (e.g. "--trace", "brigade.trace.file")
   * @return a tracer writing to it; close it when the run ends
   * @throws UserError when the file cannot be created
   */
  public static Tracer open(Path file, long maxEvents, String what) {
    check(file, what);
    try {
      return new Tracer(Files.newOutputStream(file), file, maxEvents, true);
    } catch (IOException e) {
      throw new UserError(what + ": cannot write the trace file: " + IoReason.of(e)
          + " (give a file in a writable directory)");
    }
  }

  /**
   * Checks that {@code file} could be written, without creating or truncating it: a run checks every file it will
   * write before it writes any, so a bad path leaves the user's other files as they were.
   *
   * @param what how the error names the value, e.g. "invalid setting brigade.trace.file = 'x' (from flag --trace)"
   * @throws UserError naming the value and what is allowed
   */
  public static void check(Path file, String what) {
    checkWritable(file, what, "the trace file", "a file, such as trace.json");
  }

  /**
   * The one check of an output path this package writes (the trace, the picture): its directory exists, it is not a
   * directory, and it or its directory is writable; nothing is created or truncated.
   *
   * @param what how the error names the value
   * @param noun what would be written, e.g. "the trace file"
   * @param aFile what to give instead of a directory, e.g. "a file, such as trace.json"
   * @throws UserError naming the value and what is allowed
   */
  static void checkWritable(Path file, String what, String noun, String aFile) {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new UserError(what + ": cannot write " + noun + ": directory " + parent
          + " does not exist (give a file in a writable directory)");
    }
    if (Files.isDirectory(file)) {
      throw new UserError(what + ": is a directory (give " + aFile + ")");
    }
    if (Files.exists(file) ? !Files.isWritable(file) : parent != null && !Files.isWritable(parent)) {
      throw new UserError(what + ": cannot write " + noun + ": Permission denied (give a file in a writable directory)");
    }
  }


  /** A tracer writing to {@code out} (tests, benchmarks); no shutdown hook. */
  public static Tracer to(OutputStream out, long maxEvents) {
    try {
      return new Tracer(out, null, maxEvents, false);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** @return whether events are recorded: guard building an event's arguments with it */
  public boolean on() {
    return on;
  }

  /**
   * The track of one actor, created (and named in the file) on first use; keep it rather than ask again.
   *
   * @param process the actor system or node, e.g. "brigade (local)" or "node 127.0.0.1:25521"
   * @param name the actor's name, e.g. "worker-1"
   * @return the track (a placeholder when off)
   */
  public Track track(String process, String name) {
    if (!on) return OFF_TRACK;
    return tracks.computeIfAbsent(process + "\u0000" + name, k -> {
      int[] fresh = {0};
      int pid = pids.computeIfAbsent(process, p -> {
        int n = pids.size() + 1;
        fresh[0] = n;
        return n;
      });
      if (fresh[0] != 0) {
        metadata.add(new Event('M', new Track(pid, 0, process, ""), "process_name", null, 0, 0, 0,
            new Object[] {"name", process}));
      }
      Track t = new Track(pid, nextTid.getAndIncrement(), process, name);
      metadata.add(new Event('M', t, "thread_name", null, 0, 0, 0, new Object[] {"name", name}));
      metadata.add(new Event('M', t, "thread_sort_index", null, 0, 0, 0, new Object[] {"sort_index", t.tid()}));
      return t;
    });
  }

  private static final Track OFF_TRACK = new Track(0, 0, "", "");

  /**
   * A unit of work ({@code "ph":"X"}).
   *
   * @param start its start, {@link System#nanoTime()} of this JVM
   * @param durNanos its length, nanoseconds
   * @param args name/value pairs (strings, numbers, booleans)
   */
  public void complete(Track track, String name, String cat, long start, long durNanos, Object... args) {
    if (on) add(new Event('X', track, name, cat, start, Math.max(0, durNanos), 0, args));
  }

  /** A moment on one actor's track ({@code "ph":"i"}), e.g. "restarted"; {@code args} as in {@link #complete}. */
  public void instant(Track track, String name, long at, Object... args) {
    if (on) add(new Event('i', track, name, "lifecycle", at, 0, 0, args));
  }

  /** Counter values ({@code "ph":"C"}) on the track's process: {@code series} name/value pairs, values >= 0. */
  public void counter(Track track, String name, long at, Object... series) {
    if (on) add(new Event('C', track, name, "queue", at, 0, 0, series));
  }

  /** An async span's begin ({@code "ph":"b"}): spans of one name may overlap (customers eating). */
  public void asyncBegin(Track track, String cat, String name, long id, long at) {
    if (on) add(new Event('b', track, name, cat, at, 0, id, null));
  }

  /** An async span's end ({@code "ph":"e"}). */
  public void asyncEnd(Track track, String cat, String name, long id, long at) {
    if (on) add(new Event('e', track, name, cat, at, 0, id, null));
  }

  /**
   * A flow step tying slices on different tracks together: {@code phase} 's' (start), 't' (step) or 'f' (finish,
   * bound to the slice it falls in); give {@code at} inside the slice it belongs to.
   */
  public void flow(Track track, char phase, String cat, long id, long at) {
    if (on) add(new Event(phase, track, cat, cat, at, 0, id, null));
  }

  /** A fact about the whole trace, written in its {@code otherData} at close (e.g. a node's clock offset). */
  public void note(String key, Object value) {
    if (on) notes.put(key, value);
  }

  private void add(Event e) {
    if (closing) return;
    // Past the cap: one read and one uncontended add, no queue.
    if (accepted.get() >= maxEvents || accepted.incrementAndGet() > maxEvents) {
      cut.increment();
      return;
    }
    if (!queue.offer(e)) {
      accepted.decrementAndGet();
      dropped.increment();
    }
  }

  private static final int CHUNK = 1024;

  private void write(JsonGenerator json) {
    boolean ok = true;
    java.util.List<Event> chunk = new java.util.ArrayList<>(CHUNK);
    try {
      while (true) {
        Event e = queue.poll(50, TimeUnit.MILLISECONDS);
        ok = flushMetadata(json, ok);
        if (e != null) {
          ok = writeSafely(json, e, ok);
          // In chunks: one lock hand-over per chunk, not per event, so the actors' offers rarely wait for the writer.
          // Names first: a track's metadata is queued before its first event, so it is written before it.
          while (queue.drainTo(chunk, CHUNK) > 0) {
            ok = flushMetadata(json, ok);
            for (Event c : chunk) ok = writeSafely(json, c, ok);
            chunk.clear();
          }
        } else if (closing && queue.isEmpty()) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      ok = flushMetadata(json, ok);
      if (ok) {
        try {
          json.writeEndArray();
          json.writeStringField("displayTimeUnit", "ms");
          json.writeObjectFieldStart("otherData");
          json.writeStringField("tool", "brigade");
          json.writeNumberField("events", written);
          json.writeNumberField("maxEvents", maxEvents);
          json.writeNumberField("cutByCap", cut.sum());
          json.writeNumberField("dropped", dropped.sum());
          for (Map.Entry<String, Object> n : new java.util.TreeMap<>(notes).entrySet()) {
            json.writeFieldName(n.getKey());
            value(json, n.getValue());
          }
          json.writeEndObject();
          json.writeEndObject();
          json.close();
        } catch (IOException e) {
          fail(e);
        }
      } else {
        try {
          json.close();
        } catch (IOException ignored) {
          // the failure is already recorded
        }
      }
    }
  }

  private boolean flushMetadata(JsonGenerator json, boolean ok) {
    Event m;
    while ((m = metadata.poll()) != null) ok = writeSafely(json, m, ok);
    return ok;
  }

  private boolean writeSafely(JsonGenerator json, Event e, boolean ok) {
    if (!ok) return false; // a failed file: drain the queue without writing
    try {
      writeEvent(json, e);
      if (e.ph != 'M') written++;
      return true;
    } catch (IOException x) {
      fail(x);
      return false;
    }
  }

  private void fail(IOException e) {
    if (error == null) {
      error = "cannot write the trace file" + (file == null ? "" : " '" + file + "'") + ": " + IoReason.of(e);
    }
  }

  private void writeEvent(JsonGenerator json, Event e) throws IOException {
    json.writeStartObject();
    if (e.name != null) json.writeStringField("name", e.name);
    if (e.cat != null) json.writeStringField("cat", e.cat);
    json.writeStringField("ph", String.valueOf(e.ph));
    json.writeNumberField("pid", e.track.pid());
    json.writeNumberField("tid", e.track.tid());
    if (e.ph != 'M') {
      json.writeFieldName("ts");
      json.writeNumber(micros(e.ts - t0));
    }
    switch (e.ph) {
      case 'X' -> {
        json.writeFieldName("dur");
        json.writeNumber(micros(e.dur));
      }
      case 'i' -> json.writeStringField("s", "t");
      case 'b', 'e' -> json.writeStringField("id", "0x" + Long.toHexString(e.id));
      case 's', 't', 'f' -> {
        json.writeNumberField("id", e.id);
        if (e.ph == 'f') json.writeStringField("bp", "e");
      }
      default -> { }
    }
    if (e.args != null) {
      json.writeObjectFieldStart("args");
      for (int i = 0; i + 1 < e.args.length; i += 2) {
        json.writeFieldName(String.valueOf(e.args[i]));
        value(json, e.args[i + 1]);
      }
      json.writeEndObject();
    }
    json.writeEndObject();
    json.writeRaw('\n');
  }

  private static void value(JsonGenerator json, Object v) throws IOException {
    if (v instanceof Long l) json.writeNumber(l);
    else if (v instanceof Integer i) json.writeNumber(i);
    else if (v instanceof Double d) json.writeNumber(d);
    else if (v instanceof Boolean b) json.writeBoolean(b);
    else if (v == null) json.writeNull();
    else json.writeString(v.toString());
  }

  /** Nanoseconds as microseconds with three decimals, in fixed point ("12.345"; never an exponent). */
  static String micros(long nanos) {
    if (nanos < 0) nanos = 0; // before the tracer opened: at its start
    long frac = nanos % 1000;
    return (nanos / 1000) + (frac < 10 ? ".00" : frac < 100 ? ".0" : ".") + frac;
  }

  /**
   * Ends the JSON and closes the file, once; later calls return the same result. Events added meanwhile are not
   * written.
   *
   * @return what the trace holds, and the write error if one happened
   */
  public synchronized Result close() {
    if (!on) return new Result(null, 0, 0, 0, 0, null);
    if (result != null) return result;
    closing = true;
    try {
      writer.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (writer.isAlive() && error == null) {
      // Still writing (a stalled disk): the file is not complete, and the run must not say it is.
      error = "the trace writer did not finish within 30 s" + (file == null ? "" : ": '" + file + "' is incomplete");
    }
    if (hook != null && Thread.currentThread() != hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is going down: the hook runs this again and gets the same result
      }
    }
    result = new Result(file, written, cut.sum(), dropped.sum(), maxEvents, error);
    return result;
  }
}
