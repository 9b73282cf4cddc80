package brigade.trace;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A run's trace and timeline picture, as a command asks for them: {@link #open} checks both paths and opens the
 * trace before any work; {@link #finish} closes the trace (a valid file however the run ended) and draws the
 * picture from it. A timeline without a trace file traces to a temporary file, deleted once drawn.
 */
public final class TraceOutput {
  private final Tracer tracer;
  private final Path traceFile;
  private final Path timeline;
  private final boolean temporary;
  private Finished finished;

  /**
   * What a run's trace and picture came to.
   *
   * @param trace the trace's result (null when nothing was traced)
   * @param traceKept whether the trace file stays (false: a temporary one behind the timeline, now deleted)
   * @param timeline the picture written (null: none asked for, or it failed)
   * @param error why writing the trace or the picture failed (null: it did not)
   */
  public record Finished(Tracer.Result trace, boolean traceKept, Path timeline, String error) {
    /** @return the lines for the report (none when nothing was asked for) */
    public String toText() {
      StringBuilder sb = new StringBuilder();
      if (trace != null && trace.error() == null && (traceKept || trace.cutByCap() > 0 || trace.dropped() > 0)) {
        sb.append(trace.toText()).append(System.lineSeparator());
      }
      if (timeline != null) sb.append("timeline: ").append(timeline).append(System.lineSeparator());
      return sb.toString();
    }

    /** Adds {@link #toJson()} as a {@code "trace"} field to a JSON object report (unchanged when nothing was traced). */
    public String addTo(String jsonObject) {
      if (trace == null) return jsonObject;
      try {
        com.fasterxml.jackson.databind.ObjectMapper m = brigade.report.Json.mapper();
        com.fasterxml.jackson.databind.node.ObjectNode root =
            (com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(jsonObject);
        root.set("trace", m.valueToTree(toJson()));
        return m.writeValueAsString(root);
      } catch (java.io.IOException e) {
        throw new IllegalStateException("cannot add the trace to " + jsonObject, e);
      }
    }

    /** @return the report's "trace" object: file, events, maxEvents, cutByCap, dropped, timeline (null: none) */
    public java.util.Map<String, Object> toJson() {
      java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("file", traceKept && trace != null && trace.file() != null ? trace.file().toString() : null);
      m.put("events", trace == null ? 0 : trace.written());
      m.put("maxEvents", trace == null ? 0 : trace.maxEvents());
      m.put("cutByCap", trace == null ? 0 : trace.cutByCap());
      m.put("dropped", trace == null ? 0 : trace.dropped());
      m.put("timeline", timeline == null ? null : timeline.toString());
      return m;
    }
  }

  private TraceOutput(Tracer tracer, Path traceFile, Path timeline, boolean temporary) {
    this.tracer = tracer;
    this.traceFile = traceFile;
    this.timeline = timeline;
    this.temporary = temporary;
  }

  /**
   * Checks the settings and paths and opens the trace, before any work.
   *
   * @param config the run's config ({@code brigade.trace.*})
   * @param timeline the picture to draw (.png or .svg), or null
   * @return the run's trace output; {@link #tracer()} is {@link Tracer#OFF} when neither was asked for
   * @throws brigade.UserError for a negative cap or a path that cannot be written
   */
  public static TraceOutput open(Config config, Path timeline) {
    TraceSettings settings = check(config, timeline);
    Path temp = null;
    if (timeline != null && !settings.enabled()) {
      try {
        temp = Files.createTempFile("brigade-trace-", ".json");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new TraceOutput(settings.open(temp), settings.enabled() ? settings.file() : temp, timeline, temp != null);
  }

  /**
   * Checks the settings and both paths without creating either file, so that a run can check every file it will
   * write before it writes any (then {@link #open} them).
   *
   * @param config the run's config ({@code brigade.trace.*})
   * @param timeline the picture to draw (.png or .svg), or null
   * @return the trace settings
   * @throws brigade.UserError for a negative cap or a path that cannot be written
   */
  public static TraceSettings check(Config config, Path timeline) {
    TraceSettings settings = TraceSettings.from(config);
    if (settings.enabled()) Tracer.check(settings.file(), "invalid setting " + settings.fileSetting());
    if (timeline != null) Timeline.check(timeline);
    return settings;
  }

  /** @return the run's tracer ({@link Tracer#OFF} when no trace or timeline was asked for) */
  public Tracer tracer() {
    return tracer;
  }

  /**
   * Closes the trace and draws the picture when the run ends (whatever ended it); later calls return the same.
   *
   * @param title the picture's title
   * @return what was written, and the error if writing failed
   */
  public synchronized Finished finish(String title) {
    if (finished != null) return finished;
    if (!tracer.on()) return finished = new Finished(null, false, null, null);
    Tracer.Result r = tracer.close();
    String error = r.error();
    Path drawn = null;
    try {
      if (timeline != null && error == null) {
        try {
          Timeline.draw(traceFile, timeline, title);
          drawn = timeline;
        } catch (UncheckedIOException e) {
          error = e.getMessage();
        }
      }
    } finally {
      if (temporary) {
        try {
          Files.deleteIfExists(traceFile);
        } catch (IOException ignored) {
          // a temporary file left behind is harmless
        }
      }
    }
    return finished = new Finished(r, !temporary, drawn, error);
  }
}
