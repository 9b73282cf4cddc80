package brigade.report;

import java.time.Duration;

/** Durations as a user writes them in a setting ("250ms", "2s"), never Java's "PT0.25S". */
public final class DurationText {
  private DurationText() {}

  /** Whole seconds as "2s", anything else as whole milliseconds ("250ms", "1500ms"). */
  public static String of(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
