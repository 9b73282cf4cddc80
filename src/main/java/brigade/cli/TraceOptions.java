package brigade.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --trace} and {@code --timeline}, mixed into every command whose run can be traced (restaurant, primes):
 * the trace file sets {@code brigade.trace.file}; the picture is a flag only, like {@code --output}.
 */
public final class TraceOptions {
  @Option(names = "--trace", paramLabel = "FILE",
      description = "Write the run's timeline as a Chrome trace (JSON), to open in https://ui.perfetto.dev or "
          + "chrome://tracing (brigade.trace.file).")
  String trace;

  @Option(names = "--timeline", paramLabel = "FILE.png|FILE.svg",
      description = "Draw the run as a picture: one row per actor, its work as bars, restarts and stops marked.")
  Path timeline;

  /** Puts {@code --trace} into {@code flags} (as {@code brigade.trace.file}), when given. */
  public Flags addTo(Flags flags) {
    return flags.put("brigade.trace.file", "--trace", trace);
  }

  /** @return the picture to draw, or null when none was asked for */
  public Path timeline() {
    return timeline;
  }

  /**
   * The picture's title: the command as run.
   *
   * @param spec the running command's spec
   * @return e.g. "brigade primes factor --trace t.json"
   */
  public static String title(CommandSpec spec) {
    return "brigade " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
  }
}
