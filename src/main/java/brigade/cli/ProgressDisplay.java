package brigade.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr for work that lasts: it appears only after {@link #DELAY_MILLIS} (short jobs print
 * nothing) and only when stderr is a terminal (never in a log file or a pipe). It polls a counter from its own
 * daemon thread, so the code doing the work only stores a number.
 */
public final class ProgressDisplay implements AutoCloseable {
  static final long DELAY_MILLIS = 1000;
  private static final long REFRESH_MILLIS = 200;
  private static volatile Boolean stderrIsTerminal;

  private final ScheduledExecutorService timer;
  private final String task;
  private final long total;
  private final LongSupplier done;
  /** A wait (milliseconds of at most {@code total}): no speed, no time left, gone from the screen when it ends. */
  private final boolean wait;
  private ProgressBar bar; // touched only on the timer thread, and in close() after it stopped

  private ProgressDisplay(String task, long total, LongSupplier done, boolean enabled, boolean wait) {
    this.task = task;
    this.total = total;
    this.done = done;
    this.wait = wait;
    if (!enabled) {
      timer = null;
      return;
    }
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "brigade-progress");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(this::refresh, DELAY_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Starts watching {@code done} (0..total); shows a bar if the work outlasts the delay and stderr is a terminal. */
  public static ProgressDisplay start(String task, long total, LongSupplier done) {
    return new ProgressDisplay(task, total, done, stderrIsTerminal(), false);
  }

  /**
   * As {@link #start}, for a wait of at most {@code atMostMillis} that may end sooner (a warm-up): the bar counts
   * milliseconds, shows no speed and no time left, and is cleared from the screen when the wait ends.
   */
  public static ProgressDisplay startWait(String task, long atMostMillis, LongSupplier elapsedMillis) {
    return new ProgressDisplay(task, atMostMillis, elapsedMillis, stderrIsTerminal(), true);
  }

  private void refresh() {
    if (bar == null) {
      ProgressBarBuilder b = new ProgressBarBuilder()
          .setTaskName(task)
          .setInitialMax(total)
          .startsFrom(0, java.time.Duration.ofMillis(DELAY_MILLIS)) // the bar appears late; the work did not start late
          .setStyle(ProgressBarStyle.ASCII)
          .setConsumer(new ConsoleProgressBarConsumer(System.err))
          .setUpdateIntervalMillis((int) REFRESH_MILLIS);
      bar = (wait ? b.setUnit(" ms", 1).hideEta().clearDisplayOnFinish() : b.showSpeed()).build();
    }
    bar.stepTo(done.getAsLong());
  }

  @Override
  public void close() {
    if (timer == null) return;
    timer.shutdownNow();
    try {
      timer.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (bar != null) {
      bar.stepTo(done.getAsLong());
      bar.close();
      bar = null; // closing twice (an early close, then try-with-resources) prints nothing more
    }
  }

  /**
   * Whether stderr (file descriptor 2) is a terminal. {@code System.console()} will not do: on Java 17 it is
   * non-null only when stdin and stdout are terminals, so it shows a bar in {@code 2>log.txt} and hides it in
   * {@code > report.json}, the opposite of what we want. Java has no isatty(2), so: on Linux, where fd 2 points
   * ({@code /proc/self/fd/2} is a link to {@code /dev/pts/N} or {@code /dev/ttyX} for a terminal, to a file or
   * pipe otherwise); elsewhere on POSIX, {@code test -t 2} run with our stderr inherited; on Windows,
   * {@code System.console()}. {@code TERM=dumb} (editors, CI logs) never gets a bar.
   */
  static boolean stderrIsTerminal() {
    Boolean known = stderrIsTerminal;
    if (known == null) stderrIsTerminal = known = detectStderrTerminal();
    return known;
  }

  private static boolean detectStderrTerminal() {
    if ("dumb".equals(System.getenv("TERM"))) return false;
    Path fd2 = Path.of("/proc/self/fd/2");
    try {
      if (Files.isSymbolicLink(fd2)) {
        return isTerminalDevice(Files.readSymbolicLink(fd2).toString());
      }
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      // fall through to the portable checks
    }
    if (System.getProperty("os.name", "").startsWith("Windows")) return System.console() != null;
    try {
      Process p = new ProcessBuilder("sh", "-c", "test -t 2")
          .redirectInput(ProcessBuilder.Redirect.INHERIT)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      return p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Whether a file descriptor pointing at {@code linkTarget} is a terminal. */
  static boolean isTerminalDevice(String linkTarget) {
    return linkTarget.startsWith("/dev/pts/") || linkTarget.startsWith("/dev/tty") || linkTarget.equals("/dev/console");
  }
}
