package brigade.cli;

import brigade.UserError;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Brigade's one entry point. With no arguments it plays a short demonstration; otherwise it runs a subcommand.
 * Exit codes: 0 ok, 1 the run failed, 2 usage or configuration error, 130 interrupted (Ctrl-C).
 */
@Command(
    name = "brigade",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "An actor-based concurrency simulator on Akka Typed.",
      "Run with no command for a short demonstration of both simulations."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the run failed",
      "2:bad usage, setting or input",
      "130:interrupted (Ctrl-C)"
    })
public final class Main implements Callable<Integer> {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_USAGE = UserError.EXIT_CODE;
  public static final int EXIT_INTERRUPTED = 130;

  @Spec CommandSpec spec;

  @Mixin(name = "config")
  ConfigOptions config;

  /** The demonstration played when no subcommand is given: each step is an ordinary command line. */
  static final List<List<String>> DEMO =
      List.of(
          // A short service: a small dish stock, a few faults (restarts, orders re-sent), one hard stop.
          List.of("restaurant", "--orders", "12", "--dishes", "4", "--fault-rate", "0.1",
              "--hard-stop", "worker-2@600ms", "--time-scale", "0.5"),
          // The six reference numbers on the pool, with the sequential baseline and the speedup.
          List.of("primes", "check"));

  /** The demonstration's last words: how to see any of its steps on a timeline. */
  static final String SEE_A_STEP = "To see a step on a timeline, add --trace FILE.json (open it in https://ui.perfetto.dev"
      + " or chrome://tracing) and --timeline FILE.png, e.g.:" + System.lineSeparator()
      + "  brigade restaurant --orders 12 --dishes 4 --fault-rate 0.1 --hard-stop worker-2@600ms --time-scale 0.5"
      + " --trace restaurant.json --timeline restaurant.png" + System.lineSeparator()
      + "(docs/seeing-a-run.md says what the rows, bars and marks mean)";

  @Override
  public Integer call() {
    startupClaimed.set(true); // the demonstration's steps share one process: none of them is its start-up
    PrintWriter out = spec.commandLine().getOut();
    out.println("Brigade demonstration: each step below is an ordinary `brigade` command; try `brigade --help`.");
    for (List<String> step : DEMO) {
      if (!spec.subcommands().containsKey(step.get(0))) continue;
      List<String> args = new ArrayList<>(step);
      out.println();
      out.println("$ brigade " + String.join(" ", args));
      out.flush();
      int code = spec.subcommands().get(step.get(0)).execute(args.subList(1, args.size()).toArray(String[]::new));
      if (code != EXIT_OK) return code;
    }
    out.println();
    out.println("$ # in code (brigade.restaurant.AskLesson): the executor lessons as Akka asks");
    out.flush();
    try {
      brigade.restaurant.AskLesson.run(out, config.load(java.util.Map.of())); // the user's settings, as each step
    } catch (Exception e) {
      spec.commandLine().getErr().println("brigade: the ask lesson failed: " + e);
      return EXIT_FAILED;
    }
    out.println();
    out.println(SEE_A_STEP);
    out.flush();
    return EXIT_OK;
  }

  /**
   * The process's standard output, remembering why a write failed: a {@code PrintWriter} keeps only a flag, and
   * {@code System.out} not even that, so a full disk ({@code > /dev/full}) would otherwise lose the report silently.
   */
  private static final class Stdout extends FilterOutputStream {
    static volatile IOException lastError;

    Stdout() {
      super(new FileOutputStream(FileDescriptor.out));
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        out.write(b, off, len);
      } catch (IOException e) {
        lastError = e;
        throw e;
      }
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void flush() throws IOException {
      try {
        out.flush();
      } catch (IOException e) {
        lastError = e;
        throw e;
      }
    }
  }

  /** Why writing to standard output failed, in the system's words ("No space left on device"). */
  static String stdoutError() {
    IOException e = Stdout.lastError;
    return e == null || e.getMessage() == null ? "write error" : e.getMessage();
  }

  /** Builds the command line with all subcommands and Brigade's error handling. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    Subcommands.register(cl);
    return withErrorHandling(cl);
  }

  /** The command line for {@code args}: only the subcommand they start with, when they start with one. */
  static CommandLine commandLine(String[] args) {
    CommandLine cl = new CommandLine(new Main());
    Subcommands.register(cl, args);
    return withErrorHandling(cl);
  }

  private static CommandLine withErrorHandling(CommandLine cl) {
    cl.setParameterExceptionHandler(Main::onUsageError);
    cl.setExecutionExceptionHandler(Main::onExecutionError);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  public static int run(String... args) {
    CommandLine cl = commandLine(args);
    cl.setOut(new PrintWriter(new OutputStreamWriter(new Stdout(), stdoutCharset()), true));
    int code = cl.execute(args);
    return checkStdout(cl.getOut(), cl.getErr(), code);
  }

  /**
   * The one rule for standard output: a report that could not be written is a failure, said in one line (exit 1, as
   * GNU tools do), never a silent success.
   */
  static int checkStdout(PrintWriter out, PrintWriter err, int code) {
    out.flush();
    if (!out.checkError() || code == EXIT_FAILED) return code; // a failed command has said why already
    err.println("brigade: cannot write to standard output: " + stdoutError());
    err.flush();
    return code == EXIT_OK ? EXIT_FAILED : code;
  }

  /** The charset standard output is written in (what the terminal or the redirect gets). */
  static Charset stdoutCharset() {
    String enc = System.getProperty("sun.stdout.encoding");
    try {
      return enc == null ? Charset.defaultCharset() : Charset.forName(enc);
    } catch (RuntimeException e) {
      return Charset.defaultCharset();
    }
  }

  /** {@link System#nanoTime} when {@link #main} began (0: Brigade runs inside another program, e.g. a test). */
  private static volatile long mainNanos;
  /** Whether a run has already reported the process's start-up (only the first job of a process has one). */
  private static final java.util.concurrent.atomic.AtomicBoolean startupClaimed =
      new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * The process's start-up, for the first job of a process Brigade's {@link #main} started: from the JVM's start to
   * {@code jobStartNanos}. Null for any later job of the same process (the demonstration's second step), and where
   * the JVM ran something else before {@code main} (Maven's {@code exec:java}: its own start and the compile would be
   * counted), which shows as more than a second between the JVM's start and {@code main}.
   *
   * @param jobStartNanos {@link System#nanoTime} when the job started; call after the job, so that loading the
   *     management classes is not part of what is measured
   * @return milliseconds, or null
   */
  public static Double processStartupMillis(long jobStartNanos) {
    if (mainNanos == 0 || !startupClaimed.compareAndSet(false, true)) return null;
    long uptimeMillis = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
    long now = System.nanoTime();
    double atMain = uptimeMillis - (now - mainNanos) / 1e6;
    return atMain > 1000 ? null : uptimeMillis - (now - jobStartNanos) / 1e6;
  }

  public static void main(String[] args) {
    mainNanos = System.nanoTime();
    // Until a command handles Ctrl-C itself (it installs its own Interrupts for its run), Ctrl-C during start-up
    // ends the process with one line, instead of silently.
    Interrupts.install(Main::interruptedEarly, Main::interruptedEarly);
    if (!onlyHelpOrVersion(args)) EarlyStart.begin();
    System.exit(run(args));
  }

  /** A run that only prints help or the version reads no settings and starts no logging: nothing to begin early. */
  static boolean onlyHelpOrVersion(String[] args) {
    for (String arg : args) {
      if (arg.equals("--") || arg.equals("--end-of-options")) return false;
      if (arg.equals("--help") || arg.equals("-h") || arg.equals("--version") || arg.equals("-V")) return true;
    }
    return false;
  }

  private static void interruptedEarly() {
    System.err.println("brigade: interrupted before work started");
    System.err.flush();
    System.exit(EXIT_INTERRUPTED);
  }

  /** A usage error is one line naming the problem, plus where to look; never the whole help. */
  private static int onUsageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println(cl.getCommandSpec().qualifiedName() + ": " + e.getMessage()
        + " (see '" + cl.getCommandSpec().qualifiedName() + " --help')");
    err.flush();
    return EXIT_USAGE;
  }

  private static int onExecutionError(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    Throwable cause = e;
    while (cause.getCause() != null && !(cause instanceof UserError)) cause = cause.getCause();
    if (cause instanceof UserError u) {
      err.println(cl.getCommandSpec().qualifiedName() + ": " + u.getMessage());
      err.flush();
      return EXIT_USAGE;
    }
    err.println(cl.getCommandSpec().qualifiedName() + ": failed: " + e);
    e.printStackTrace(err);
    err.flush();
    return EXIT_FAILED;
  }
}
