package brigade.trace;

import brigade.config.SettingsReader;
import com.typesafe.config.Config;
import java.nio.file.Path;

/**
 * The trace's settings ({@code brigade.trace} in conf/application.conf), read and validated once.
 *
 * @param file the trace file, or null for no trace
 * @param maxEvents the most events the trace holds, {@code >= 0}
 * @param fileSetting how the file setting is named in errors (key, value and where it came from)
 */
public record TraceSettings(Path file, long maxEvents, String fileSetting) {
  public static final String PREFIX = "brigade.trace";

  /**
   * @throws brigade.UserError for a cap below 0 or not a whole number
   */
  public static TraceSettings from(Config config) {
    SettingsReader r = new SettingsReader(config, PREFIX);
    long max = r.longBetween("max-events", 0, Long.MAX_VALUE);
    String file = r.string("file").trim();
    return new TraceSettings(file.isEmpty() ? null : Path.of(file), max, r.described("file"));
  }

  /** @return whether a trace file was asked for */
  public boolean enabled() {
    return file != null;
  }

  /**
   * Opens the trace file now (before any work), or a trace to {@code fallback} when no file was asked for.
   *
   * @param fallback where to trace when no file was asked for (a temporary file behind --timeline), or null
   * @return the tracer, {@link Tracer#OFF} when there is neither
   * @throws brigade.UserError when the file cannot be written
   */
  public Tracer open(Path fallback) {
    if (file != null) return Tracer.open(file, maxEvents, "invalid setting " + fileSetting);
    if (fallback != null) return Tracer.open(fallback, maxEvents, "temporary trace file");
    return Tracer.OFF;
  }
}
