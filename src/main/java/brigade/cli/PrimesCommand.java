package brigade.cli;

import akka.Done;
import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import brigade.UserError;
import brigade.config.LocalActorSystem;
import brigade.primes.CsvResultWriter;
import brigade.primes.FaultPlan;
import brigade.primes.Job;
import brigade.primes.JobSession;
import brigade.primes.NumberSources;
import brigade.primes.PrimeAlgorithm;
import brigade.primes.PrimeKitchen;
import brigade.primes.PrimesSettings;
import brigade.primes.ResultSink;
import brigade.report.JobReport;
import brigade.trace.TraceOutput;
import com.typesafe.config.Config;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code brigade primes check|factor}: runs a job through the prime kitchen's actor pool, times it against the
 * same work on one thread, and reports the speedup and each worker's share.
 */
@Command(
    name = "primes",
    mixinStandardHelpOptions = true,
    description = {
      // The first line stands alone: `brigade --help` lists each command by it.
      "The prime kitchen: a router pool of prime-worker actors checks or factorises numbers.",
      "It works in batches, and the report compares the pool with the same work on one thread."
    },
    subcommands = {PrimesCommand.Check.class, PrimesCommand.Factor.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:some batches failed, or the run failed", "2:bad usage, setting or input",
        "130:interrupted (Ctrl-C): the partial report is printed"})
public final class PrimesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin(name = "config")
  ConfigOptions config;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing job: give check or factor");
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Is each number prime? With no input: the six reference numbers of the classic lesson.",
        "Input: NUMBER..., --range A..B, --file F, or --random N (numbers are whole, 0 to 2^63-1)."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  brigade primes check",
        "  brigade primes check 97 1001 --json",
        "  brigade primes check --range 1..10000000 --algorithm fast --no-baseline"
      })
  static final class Check extends JobCommand {
    @Override
    Job job() {
      return Job.CHECK;
    }
  }

  @Command(
      name = "factor",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "The prime factors of each number, ascending, with multiplicity.",
        "With no input: random-count random numbers in [random-min, random-max] (10,000 in [20000, 100000000])."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  brigade primes factor",
        "  brigade primes factor --random 1000000 --seed 7 --pool-size 4 --batch-size 256",
        "  brigade primes factor --file numbers.txt --output results.csv --json"
      })
  static final class Factor extends JobCommand {
    @Override
    Job job() {
      return Job.FACTOR;
    }
  }

  /** Options and the run shared by both jobs. */
  abstract static class JobCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin(name = "config")
    ConfigOptions config;

    @Parameters(paramLabel = "NUMBER", arity = "0..*", description = "Numbers to work on (0 to 2^63-1).")
    List<String> numbers = new ArrayList<>();

    @Option(names = "--range", paramLabel = "A..B", description = "Every number from A to B, inclusive.")
    String range;

    @Option(names = "--file", paramLabel = "FILE",
        description = "Numbers file: one per line; blank lines and # comments skipped. Checked whole before work starts; "
            + "- for standard input (a pipe is read once, and kept in a temporary file).")
    Path file;

    @Option(names = "--random", paramLabel = "N", description = "N random numbers (brigade.primes.random-count).")
    String random;

    @Option(names = "--min", paramLabel = "N", description = "Smallest random number (brigade.primes.random-min).")
    String min;

    @Option(names = "--max", paramLabel = "N", description = "Largest random number (brigade.primes.random-max).")
    String max;

    @Option(names = "--seed", paramLabel = "N",
        description = "Seed of the random numbers and of --fault-rate's coin (brigade.primes.seed).")
    String seed;

    @Option(names = "--pool-size", paramLabel = "N|auto",
        description = "Prime workers in the router pool; auto = available processors (brigade.primes.pool-size).")
    String poolSize;

    @Option(names = "--batch-size", paramLabel = "N|auto",
        description = "Numbers per batch, 1 to 1000000; auto gives each worker ~8 batches (brigade.primes.batch-size).")
    String batchSize;

    @Option(names = "--window", paramLabel = "N|auto",
        description = "Batches in flight at once; auto = 4 x pool size (brigade.primes.window).")
    String window;

    @Option(names = "--dispatch", paramLabel = "push|pull",
        description = "push: the kitchen's round-robin router; pull: workers ask for work (brigade.primes.dispatch).")
    String dispatch;

    @Option(names = "--split", paramLabel = "on|off|auto",
        description = "Check with trial division: split a heavy number's divisors into ranges across the workers; "
            + "auto when there are too few numbers to keep every worker busy (brigade.primes.split).")
    String split;

    @Option(names = "--split-ranges", paramLabel = "N|auto",
        description = "Ranges a split number is cut into, 2 to 65536; auto = 8 x pool size; with --split auto none "
            + "smaller than 2^17 odd divisors (brigade.primes.split-ranges).")
    String splitRanges;

    @Option(names = "--algorithm", paramLabel = "trial|fast",
        description = "trial: trial division; fast: Miller-Rabin + Pollard-Brent (brigade.primes.algorithm).")
    String algorithm;

    @Option(names = "--fault-rate", paramLabel = "P",
        description = "Chance in [0, 1) that a worker throws on a batch, to watch supervision and retries "
            + "(brigade.primes.fault-rate).")
    String faultRate;

    @Option(names = "--max-retries", paramLabel = "N",
        description = "Re-sends of a failing batch before it is reported failed (brigade.primes.max-retries).")
    String maxRetries;

    @Option(names = "--batch-timeout", paramLabel = "DURATION",
        description = "A batch with no reply within this is re-sent, e.g. 30s (brigade.primes.batch-timeout).")
    String batchTimeout;

    @Option(names = "--baseline", negatable = true,
        description = "Also time the same work on one thread and on a ForkJoinPool of the pool's size (default auto: when "
            + "estimated under 10 s) (brigade.primes.baseline).")
    Boolean baseline;

    @Option(names = "--warmup", paramLabel = "DURATION|auto",
        description = "Before a run timed against the baseline, the pool runs the job's work this long, untimed, e.g. 3s; "
            + "0s for none; auto: at least the estimated sequential time (1 s to 5 s), then until the JIT has settled, about "
            + "5 s at most (brigade.primes.warmup).")
    String warmup;

    @Option(names = "--repeat", paramLabel = "N|auto",
        description = "Timed rounds of the pool run and the baseline, interleaved; the report quotes medians with min-max "
            + "(default auto: with the baseline, as many as fit in twice the first round's time, 2 s to 10 s, after it; "
            + "up to 15) (brigade.primes.repeat).")
    String repeat;

    @Option(names = "--order", paramLabel = "input|completion",
        description = "Results to the output in input order (default), or in completion order: each batch as soon as it "
            + "is answered, like as_completed (brigade.primes.order).")
    String order;

    @Option(names = "--output", paramLabel = "FILE",
        description = "Write per-number results as CSV: number,prime,factors; an existing file is replaced (once the "
            + "input and settings are checked); - for standard output (the report then goes to standard error).")
    Path output;

    @Option(names = "--json", description = "Print the report as one JSON object instead of a table.")
    boolean json;

    @Mixin TraceOptions tracing; // --trace, --timeline

    @Mixin ClusterOptions cluster; // --cluster and its flags: run on the workers of `brigade node` processes

    abstract Job job();

    @Override
    public Integer call() {
      Config cfg = config.load(tracing.addTo(cluster.addTo(new Flags()))
          .put("brigade.primes.pool-size", "--pool-size", poolSize)
          .put("brigade.primes.batch-size", "--batch-size", batchSize)
          .put("brigade.primes.window", "--window", window)
          .put("brigade.primes.dispatch", "--dispatch", dispatch)
          .put("brigade.primes.algorithm", "--algorithm", algorithm)
          .put("brigade.primes.split", "--split", split)
          .put("brigade.primes.split-ranges", "--split-ranges", splitRanges)
          .put("brigade.primes.max-retries", "--max-retries", maxRetries)
          .put("brigade.primes.fault-rate", "--fault-rate", faultRate)
          .put("brigade.primes.order", "--order", order)
          .put("brigade.primes.batch-timeout", "--batch-timeout", batchTimeout)
          .put("brigade.primes.baseline", "--baseline", baseline == null ? null : baseline ? "on" : "off")
          .put("brigade.primes.warmup", "--warmup", warmup)
          .put("brigade.primes.repeat", "--repeat", repeat)
          .put("brigade.primes.random-count", "--random", random)
          .put("brigade.primes.random-min", "--min", min)
          .put("brigade.primes.random-max", "--max", max)
          .put("brigade.primes.seed", "--seed", seed)
          .asMap());
      PrimesSettings settings = PrimesSettings.from(cfg);
      cfg = PrimesSettings.kitchenSystemConfig(cfg);
      // Ctrl-C from here on: before the work starts it ends the run at once, with one line; during the job it
      // winds the job down (the report covers what finished); a second Ctrl-C stops waiting for batches in flight.
      AtomicReference<PrimesRun> running = new AtomicReference<>();
      try (Interrupts ctrlC = Interrupts.install(
          () -> {
            PrimesRun run = running.get();
            if (run == null || !run.interrupt()) interruptedBeforeWork();
          },
          () -> {
            PrimesRun run = running.get();
            if (run == null || !run.stopNow()) interruptedBeforeWork();
          })) {
        NumberSources.Input input = input(settings);
        refuseOutputOverInput();
        // Validated before anything is created (the output file, an actor system), like every other setting.
        if (cluster.enabled()) brigade.cluster.ClusterSettings.from(cfg);
        if (cluster.enabled() && settings.repeat() > 1) {
          throw new UserError("--repeat " + settings.repeat() + " needs a local pool: a --cluster job runs once");
        }
        selfTest(settings.primeAlgorithm());
        // The trace's paths are checked here with everything else; the files are created only once all passed.
        TraceOutput.check(cfg, tracing.timeline());
        PrimesRun run = new PrimesRun(spec, cfg, settings, job(), input, output, json, cluster.enabled(),
            tracing.timeline());
        running.set(run);
        if (ctrlC.count() > 0) interruptedBeforeWork(); // came while the run was being set up
        return run.run();
      }
    }

    /** Ctrl-C before any work: nothing to report, nothing written (the output file is not created yet). */
    private void interruptedBeforeWork() {
      PrintWriter err = spec.commandLine().getErr();
      err.println(spec.qualifiedName() + ": interrupted before work started");
      err.flush();
      System.exit(Main.EXIT_INTERRUPTED);
    }

    /** The one input the user chose (validated: a file is read through once here), or the job's default. */
    private NumberSources.Input input(PrimesSettings settings) {
      List<String> given = new ArrayList<>();
      if (!numbers.isEmpty()) given.add("NUMBER...");
      if (range != null) given.add("--range");
      if (file != null) given.add("--file");
      if (random != null) given.add("--random");
      if (given.size() > 1) {
        throw new UserError("give the numbers one way, not " + String.join(" and ", given)
            + ": NUMBER..., --range A..B, --file FILE or --random N");
      }
      // --seed also seeds --fault-rate's coin: with faults on, it is not a request for random numbers.
      boolean seedsFaults = seed != null && settings.faultRate() > 0;
      boolean randomTuned = min != null || max != null || (seed != null && !seedsFaults);
      if (randomTuned && !given.isEmpty() && random == null) {
        throw new UserError((min != null ? "--min" : max != null ? "--max" : "--seed")
            + " applies to random numbers only, not to " + given.get(0)
            + (min == null && max == null ? " (it also seeds --fault-rate, when that is above 0)" : ""));
      }
      if (!numbers.isEmpty()) return NumberSources.arguments(numbers);
      if (range != null) return NumberSources.range(range);
      if (file != null) return NumberSources.file(file);
      if (random != null || randomTuned || job() == Job.FACTOR) {
        return NumberSources.random(settings.randomCount(), settings.randomMin(), settings.randomMax(), settings.seed());
      }
      return NumberSources.reference();
    }

    /** Writing the results over the numbers being read would lose them: refused, whatever the path's spelling. */
    private void refuseOutputOverInput() {
      if (file == null || output == null || isStdio(file) || isStdio(output) || !Files.exists(output)) return;
      try {
        if (Files.isSameFile(file, output)) { // same file key: any spelling, a symlink or a hard link
          throw new UserError("--output '" + output + "' is the input file '" + file
              + "': writing the results would destroy the numbers; choose another output file");
        }
      } catch (java.io.IOException e) {
        // the input was read already; an output path that cannot be compared is checked when it is created
      }
    }

    /** An algorithm that cannot run (not built into this version) is a usage error, before any work. */
    private static void selfTest(PrimeAlgorithm algorithm) {
      try {
        if (!algorithm.isPrime(97) || algorithm.factors(91).length != 2) {
          throw new IllegalStateException("algorithm " + algorithm.name() + " fails its self-test (97, 91)");
        }
      } catch (UnsupportedOperationException e) {
        throw new UserError("algorithm '" + algorithm.name() + "' is not available in this build: use --algorithm trial");
      }
    }
  }

  /**
   * One run of a job, thinly: the output file, the actor system and its kitchen (or the cluster's workers), the
   * session that measures the job ({@link JobSession}), the report; and Ctrl-C, which cancels the session and waits
   * for its report.
   */
  static final class PrimesRun {
    private final CommandSpec spec;
    private final Config config;
    private final PrimesSettings settings;
    private final Job job;
    private final NumberSources.Input input;
    private final Path output;
    private final boolean json;
    private final boolean clusterJob;
    private final Path timeline;
    /** The run's trace output, opened with the CSV file, once every check has passed. */
    private TraceOutput traced;
    private final int cores = Runtime.getRuntime().availableProcessors();
    /** Completed once the report is printed and the CSV flushed: SIGTERM's shutdown task waits for it. */
    private final CompletableFuture<Done> reported = new CompletableFuture<>();
    /** The session, once the work has started (Ctrl-C goes to it). */
    private volatile JobSession session;
    private volatile boolean interrupted;

    PrimesRun(CommandSpec spec, Config config, PrimesSettings settings, Job job, NumberSources.Input input,
        Path output, boolean json, boolean clusterJob, Path timeline) {
      this.clusterJob = clusterJob;
      this.timeline = timeline;
      this.spec = spec;
      this.config = config;
      this.settings = settings;
      this.job = job;
      this.input = input;
      this.output = output;
      this.json = json;
    }

    /**
     * First Ctrl-C: wind the job down. Before the session is running, it is remembered and the session is
     * cancelled as it starts (so the output file, already created, is still cleaned up properly).
     *
     * @return true (the run handles it)
     */
    boolean interrupt() {
      interrupted = true;
      JobSession s = session;
      if (s != null) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": interrupted: stopping; batches in flight finish (for at most "
            + brigade.report.DurationText.of(cancelGrace()) + ", 60% of the shutdown phase's timeout), and the report "
            + "covers what finished; Ctrl-C again to stop now");
        err.flush();
        s.cancel();
      }
      return true;
    }

    /**
     * Second Ctrl-C: stop waiting for the batches in flight now; the report covers what the output received.
     *
     * @return false when there is no session yet to stop (the caller ends the process at once)
     */
    boolean stopNow() {
      interrupted = true;
      JobSession s = session;
      if (s == null) return false;
      PrintWriter err = spec.commandLine().getErr();
      err.println(spec.qualifiedName() + ": stopping now (Ctrl-C again): batches in flight are abandoned");
      err.flush();
      s.stopNow();
      return true;
    }

    int run() {
      boolean csvToStdout = output != null && isStdio(output);
      CsvResultWriter csv = output == null ? null
          : csvToStdout ? new CsvResultWriter(asciiStream(spec.commandLine().getOut()), "standard output")
          : CsvResultWriter.create(output); // fails before any work
      traced = TraceOutput.open(config, timeline);
      PrintWriter reportTo = csvToStdout ? spec.commandLine().getErr() : spec.commandLine().getOut();
      brigade.cluster.ClusterCoordinator coordinator = clusterJob ? brigade.cluster.ClusterCoordinator.start(config) : null;
      ActorSystem<Void> system = clusterJob ? coordinator.system() : LocalActorSystem.create(Behaviors.empty(), "brigade", config);
      JobSession.Workers workers = clusterJob ? coordinator.sessionWorkers()
          : JobSession.Workers.kitchen(PrimeKitchen.open(system, settings.poolSize(), FaultPlan.NONE,
              traced.tracer()), settings.faultPlan());
      JobSession session = new JobSession(settings, job, input, workers, csv == null ? ResultSink.NONE : csv,
          new JobSession.Progress() {
            @Override
            public AutoCloseable show(String label, long total, java.util.function.LongSupplier done) {
              return ProgressDisplay.start(label, total, done);
            }

            @Override
            public AutoCloseable showWait(String label, long atMostMillis,
                java.util.function.LongSupplier elapsedMillis) {
              return ProgressDisplay.startWait(label, atMostMillis, elapsedMillis);
            }
          }, cancelGrace(), JobReport.RESULTS_SHOWN,
          system.dispatchers().lookup(akka.actor.typed.DispatcherSelector.blocking()), traced.tracer());
      this.session = session;
      if (interrupted) session.cancel(); // Ctrl-C came while the actor system started
      try {
        CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "primes-report",
            () -> {
              // SIGTERM (or the system going down): stop the session, and let the command print what finished.
              session.cancel();
              return reported;
            });
        long jobStart = System.nanoTime();
        JobSession.Outcome outcome = session.run();
        Double processStartup = Main.processStartupMillis(jobStart);
        if (outcome.interrupted() && outcome.result().numbersIn() == 0) {
          // Nothing was computed: no report of zeros, and no output file that holds nothing.
          if (csv != null && output != null && !csvToStdout) {
            csv.close();
            csv = null;
            Files.deleteIfExists(output);
          }
          PrintWriter err = spec.commandLine().getErr();
          err.println(spec.qualifiedName() + ": interrupted before work started");
          err.flush();
          return Main.EXIT_INTERRUPTED;
        }
        String writeError = outcome.outputError();
        if (csv != null && writeError == null) {
          CsvResultWriter done = csv;
          csv = null; // closed here, so that a failing close is reported once, as the run's failure
          try {
            done.close();
          } catch (java.io.UncheckedIOException e) {
            writeError = e.getMessage();
          }
        }
        JobReport report = JobReport.of(outcome, input.description(), input.count(), cores,
            output == null ? null : csvToStdout ? "standard output" : output.toString(),
            brigade.config.BrigadeConfig.sources(config), processStartup);
        PrintWriter out = reportTo;
        brigade.cluster.ClusterReport nodes = clusterJob ? coordinator.report(outcome.result()) : null;
        TraceOutput.Finished seen = traced.finish(title());
        out.print(json ? seen.addTo(nodes == null ? report.toJson() : nodes.addTo(report.toJson())) + System.lineSeparator()
            : report.toText(timesSign()) + (nodes == null ? "" : System.lineSeparator() + nodes.toText())
                + (nodes == null ? "" : System.lineSeparator()) + seen.toText());
        out.flush();
        if (writeError == null && seen.error() != null) writeError = seen.error();
        if (writeError != null) { // what was computed is reported above; the output holds an in-order prefix of it
          PrintWriter err = spec.commandLine().getErr();
          err.println(spec.qualifiedName() + ": failed: " + writeError);
          err.flush();
          return Main.EXIT_FAILED;
        }
        if (Boolean.FALSE.equals(report.baselineAgrees())) {
          PrintWriter err = spec.commandLine().getErr();
          err.println(spec.qualifiedName() + ": the passes over the same numbers computed different results (a bug)");
          err.flush();
          return Main.EXIT_FAILED;
        }
        if (report.interrupted()) return Main.EXIT_INTERRUPTED;
        return report.failedBatches() == 0 ? Main.EXIT_OK : Main.EXIT_FAILED;
      } catch (JobSession.JobFailed | java.io.UncheckedIOException e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": failed: " + e.getMessage());
        err.flush();
        return Main.EXIT_FAILED;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      } finally {
        try {
          if (csv != null) csv.close();
        } catch (java.io.UncheckedIOException alreadyReported) {
          // the run failed writing this file, and said so
        } finally {
          reported.complete(Done.getInstance());
          traced.finish(title()); // however the run ended, the trace is a complete file
          system.terminate();
          try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (ExecutionException | TimeoutException e) {
            // the process is ending anyway; nothing more to save
          }
        }
      }
    }

    /** The picture's title: the command as run. */
    private String title() {
      return TraceOptions.title(spec);
    }

    /** The CSV's bytes (ASCII) onto the command's standard output writer; closing it only flushes. */
    private static java.io.OutputStream asciiStream(PrintWriter out) {
      return new java.io.OutputStream() {
        @Override
        public void write(int b) {
          out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          out.write(new String(b, off, len, java.nio.charset.StandardCharsets.US_ASCII));
        }

        @Override
        public void flush() throws java.io.IOException {
          out.flush();
          if (out.checkError()) throw new java.io.IOException(Main.stdoutError());
        }

        @Override
        public void close() throws java.io.IOException {
          flush();
        }
      };
    }

    /** How long a cancelled job may take to return its in-flight batches: within the shutdown phase's timeout. */
    private Duration cancelGrace() {
      String phase = "akka.coordinated-shutdown.phases.before-service-unbind.timeout";
      Duration timeout = config.hasPath(phase) ? config.getDuration(phase)
          : config.getDuration("akka.coordinated-shutdown.default-phase-timeout");
      return Duration.ofMillis(Math.max(500, (long) (timeout.toMillis() * 0.6)));
    }

    /** "×" between factors, or "*" where stdout's encoding cannot print it. */
    private static String timesSign() {
      return Main.stdoutCharset().newEncoder().canEncode('×') ? "×" : "*";
    }
  }

  /** "-": standard input or output. */
  static boolean isStdio(Path p) {
    return p.toString().equals(NumberSources.STDIN);
  }
}
