package brigade.cli;

import akka.Done;
import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import brigade.UserError;
import brigade.primes.CsvResultWriter;
import brigade.primes.Job;
import brigade.primes.JobResult;
import brigade.primes.JobRun;
import brigade.primes.JobSpec;
import brigade.primes.NumberSources;
import brigade.primes.PrimeAlgorithm;
import brigade.primes.PrimeKitchen;
import brigade.primes.PrimesSettings;
import brigade.primes.NumberSource;
import brigade.primes.ProgressListener;
import brigade.primes.ResultBatch;
import brigade.primes.ResultSink;
import brigade.primes.SequentialBaseline;
import brigade.primes.WorkerSource;
import brigade.report.JobReport;
import com.typesafe.config.Config;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
      "The prime kitchen: a router pool of prime-worker actors checks or factorises numbers in batches,",
      "and the report compares the pool with the same work on one thread."
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
        description = "Numbers file: one per line; blank lines and # comments skipped. Checked whole before work starts.")
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
        description = "push: round-robin pool router; pull: workers ask for work (brigade.primes.dispatch).")
    String dispatch;

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
        description = "Also time the same work on one thread (default auto: when estimated under 10 s) (brigade.primes.baseline).")
    Boolean baseline;

    @Option(names = "--warmup", paramLabel = "DURATION|auto",
        description = "Before a run timed against the baseline, the pool runs the job's work this long, untimed, e.g. 3s; "
            + "0s for none; auto: the estimated sequential time, 1 s to 5 s (brigade.primes.warmup).")
    String warmup;

    @Option(names = "--repeat", paramLabel = "N|auto",
        description = "Timed rounds of the pool run and the baseline, interleaved; the report quotes medians with min-max "
            + "(default auto: with the baseline, as many as fit in twice the first round's time, 1 s to 10 s, after it; "
            + "up to 15) (brigade.primes.repeat).")
    String repeat;

    @Option(names = "--output", paramLabel = "FILE", description = "Write per-number results as CSV: number,prime,factors.")
    Path output;

    @Option(names = "--json", description = "Print the report as one JSON object instead of a table.")
    boolean json;

    @Mixin ClusterOptions cluster; // --cluster and its flags: run on the workers of `brigade node` processes

    abstract Job job();

    @Override
    public Integer call() {
      Config cfg = config.load(cluster.addTo(new Flags())
          .put("brigade.primes.pool-size", "--pool-size", poolSize)
          .put("brigade.primes.batch-size", "--batch-size", batchSize)
          .put("brigade.primes.window", "--window", window)
          .put("brigade.primes.dispatch", "--dispatch", dispatch)
          .put("brigade.primes.algorithm", "--algorithm", algorithm)
          .put("brigade.primes.max-retries", "--max-retries", maxRetries)
          .put("brigade.primes.fault-rate", "--fault-rate", faultRate)
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
      NumberSources.Input input = input(settings);
      // Validated before anything is created (the output file, an actor system), like every other setting.
      if (cluster.enabled()) brigade.cluster.ClusterSettings.from(cfg);
      if (cluster.enabled() && settings.repeat() > 1) {
        throw new UserError("--repeat " + settings.repeat() + " needs a local pool: a --cluster job runs once");
      }
      selfTest(settings.primeAlgorithm());
      return new PrimesRun(spec, cfg, settings, job(), input, output, json, cluster.enabled()).run();
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

  /** One run of a job: warm-up, the pool run, the sequential baseline, the report; and Ctrl-C handling. */
  static final class PrimesRun {
    /** Spent timing a sample of the work: estimates the baseline's length and warms up the JIT. */
    private static final Duration ESTIMATE_BUDGET = Duration.ofMillis(400);
    /** Without a baseline, a quicker estimate still sizes auto batches by their work. */
    private static final Duration QUICK_ESTIMATE_BUDGET = Duration.ofMillis(100);
    /** The pool warms up on at most this many numbers of the input, cycled: enough for full-size batches. */
    private static final int POOL_WARMUP_NUMBERS = 1 << 16;
    private static final int SAMPLE_SIZE = 64;
    /** The warm-up keeps the timed run's window unless the batches in flight would hold up its cancel longer. */
    private static final Duration WARMUP_CANCEL_WAIT = Duration.ofMillis(250);

    private final CommandSpec spec;
    private final Config config;
    private final PrimesSettings settings;
    private final Job job;
    private final NumberSources.Input input;
    private final Path output;
    private final boolean json;
    private final boolean clusterJob;
    private brigade.cluster.ClusterCoordinator coordinator; // cluster jobs only
    private final int cores = Runtime.getRuntime().availableProcessors();

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicReference<JobRun> current = new AtomicReference<>();
    /** Completed once the report is printed and the CSV flushed: Ctrl-C's shutdown task waits for it. */
    private final CompletableFuture<Done> reported = new CompletableFuture<>();

    PrimesRun(CommandSpec spec, Config config, PrimesSettings settings, Job job, NumberSources.Input input,
        Path output, boolean json, boolean clusterJob) {
      this.clusterJob = clusterJob;
      this.spec = spec;
      this.config = config;
      this.settings = settings;
      this.job = job;
      this.input = input;
      this.output = output;
      this.json = json;
    }

    int run() {
      CsvResultWriter csv = output == null ? null : CsvResultWriter.create(output); // fails before any work
      if (clusterJob) coordinator = brigade.cluster.ClusterCoordinator.start(config);
      ActorSystem<Void> system = clusterJob ? coordinator.system() : ActorSystem.create(Behaviors.empty(), "brigade", config);
      try {
        CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "primes-report",
            () -> {
              // Ctrl-C (or the system going down): stop dispatching, and let the command print what finished.
              cancelled.set(true);
              JobRun run = current.get();
              if (run != null) run.cancel();
              return reported;
            });
        return runIn(system, csv);
      } catch (JobFailed | java.io.UncheckedIOException e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": failed: " + e.getMessage());
        err.flush();
        return Main.EXIT_FAILED;
      } finally {
        try {
          if (csv != null) csv.close();
        } finally {
          reported.complete(Done.getInstance());
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

    private int runIn(ActorSystem<Void> system, CsvResultWriter csv) {
      PrimeAlgorithm algorithm = settings.primeAlgorithm();

      // 1. Time a sample of the work (spread across the input): it sizes auto batches by their work, decides
      //    an auto baseline, and warms up the sequential path.
      long[] sample = input.sample(SAMPLE_SIZE);
      boolean baselineWanted = settings.baseline() != PrimesSettings.Baseline.OFF;
      double nanosPerNumber = 0;
      if (baselineWanted || settings.batchSize() == PrimesSettings.AUTO) {
        Duration budget = baselineWanted ? ESTIMATE_BUDGET : QUICK_ESTIMATE_BUDGET;
        nanosPerNumber = SequentialBaseline.estimateNanosPerNumber(algorithm, job, sample, budget.toNanos());
      }
      JobSpec jobSpec = settings.resolve(job, OptionalLong.of(input.count()), nanosPerNumber);
      if (clusterJob) jobSpec = brigade.cluster.ClusterCoordinator.pulling(jobSpec); // remote workers always pull
      long estimate = (long) Math.min(Long.MAX_VALUE, nanosPerNumber * input.count());
      String est = "estimated " + seconds(estimate) + " of sequential work";
      boolean baselineOn;
      JobReport.BaselineOutcome baselineMode;
      switch (settings.baseline()) {
        case OFF -> {
          baselineOn = false;
          baselineMode = JobReport.BaselineOutcome.skipped("off");
        }
        case ON -> {
          baselineOn = true;
          baselineMode = JobReport.BaselineOutcome.skipped("on (" + est + ")");
        }
        default -> {
          baselineOn = estimate < PrimesSettings.BASELINE_AUTO_LIMIT.toNanos();
          baselineMode = JobReport.BaselineOutcome.skipped("auto: " + (baselineOn ? "on" : "off") + " (" + est
              + (baselineOn ? ")" : ", over " + PrimesSettings.BASELINE_AUTO_LIMIT.toSeconds() + " s; --baseline forces it)"));
        }
      }

      // 2. Warm up the pool on the same sample, when the pool's time is going to be compared.
      Duration warmup = settings.warmupFor(estimate);
      Double warmupMillis = null;
      if (baselineOn && !cancelled.get() && !clusterJob && !warmup.isZero()) {
        int warmNumbers = (int) Math.min(POOL_WARMUP_NUMBERS, 2L * jobSpec.poolSize() * jobSpec.batchSize());
        long warmStart = System.nanoTime();
        warmUpPool(system, jobSpec, input.sample(Math.max(SAMPLE_SIZE, warmNumbers)), warmup, nanosPerNumber);
        warmupMillis = (System.nanoTime() - warmStart) / 1e6;
      }

      // 3. The pool run: results go to the CSV (and, for seed-sized runs, to the report) as they complete.
      List<JobReport.NumberResult> shown = new ArrayList<>();
      Tally tally = new Tally(csv, input.count() <= JobReport.RESULTS_SHOWN ? shown : null, job);
      JobResult result = cancelled.get() ? tally.partialResult(0, 0)
          : poolRun(system, jobSpec, tally, "primes " + job.label());

      // 4. The baseline: the same numbers re-read, on this thread alone.
      JobReport.BaselineOutcome baseline = baselineMode;
      if (baselineOn && !result.interrupted() && !cancelled.get()) {
        SequentialBaseline.Counts counts = baseline(algorithm, "sequential");
        baseline = counts.completed()
            ? new JobReport.BaselineOutcome(baselineMode.mode(), counts.nanos() / 1e6, counts.primes(), counts.factors())
            : JobReport.BaselineOutcome.skipped("interrupted");
      }

      // 5. More timed rounds (repeat): one timing is noisy, the median of several is the run's real speed.
      tally.closeGate();
      if (csv != null) csv.flush(); // the results are complete: later rounds only count
      JobReport.LaterRounds later = JobReport.LaterRounds.NONE;
      boolean firstRoundClean = !result.interrupted() && !cancelled.get() && result.failedBatches().isEmpty()
          && (!baselineOn || baseline.millis() != null);
      if (firstRoundClean && !clusterJob) {
        long firstRound = result.wallNanos() + (baseline.millis() == null ? 0 : (long) (baseline.millis() * 1e6));
        int rounds = settings.roundsFor(firstRound, baselineOn);
        if (rounds > 1) later = laterRounds(system, jobSpec, algorithm, rounds, baselineOn, result);
      }

      // 6. The report. Interrupted runs print what finished, and say so.
      boolean interrupted = result.interrupted() || cancelled.get();
      // A cluster job's pool is the workers it found on the nodes, not this node's pool-size setting.
      JobSpec reported = !clusterJob || result.workers().isEmpty() ? jobSpec
          : jobSpec.withPoolSize(result.workers().size());
      JobReport report = JobReport.of(reported, input.description(), input.count(), cores, result, baseline, later,
          warmupMillis, shown, output == null ? null : output.toString(), interrupted);
      PrintWriter out = spec.commandLine().getOut();
      brigade.cluster.ClusterReport nodes = clusterJob ? coordinator.report(result) : null;
      out.print(json ? (nodes == null ? report.toJson() : nodes.addTo(report.toJson())) + System.lineSeparator()
          : report.toText(timesSign()) + (nodes == null ? "" : System.lineSeparator() + nodes.toText()));
      out.flush();
      if (report.baselineAgrees() != null && !report.baselineAgrees()) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": the sequential baseline found different counts from the pool (a bug)");
        err.flush();
        return Main.EXIT_FAILED;
      }
      if (interrupted) return Main.EXIT_INTERRUPTED;
      return result.failedBatches().isEmpty() ? Main.EXIT_OK : Main.EXIT_FAILED;
    }

    /** The baseline once: the input re-read and computed on this thread alone, with a progress bar. */
    private SequentialBaseline.Counts baseline(PrimeAlgorithm algorithm, String label) {
      AtomicLong done = new AtomicLong();
      ProgressDisplay bar = ProgressDisplay.start(label, input.count(), done::get);
      try (bar; var source = input.open()) {
        return SequentialBaseline.run(algorithm, job, source, cancelled::get, done);
      }
    }

    /**
     * Rounds 2..{@code rounds}: the pool run and the baseline again, in alternating order (round 1 ran the pool
     * first), each checked against round 1's counts. A round cut short by Ctrl-C is left out whole, so every
     * median is over complete pairs.
     */
    private JobReport.LaterRounds laterRounds(ActorSystem<Void> system, JobSpec jobSpec, PrimeAlgorithm algorithm,
        int rounds, boolean baselineOn, JobResult first) {
      List<Double> pool = new ArrayList<>();
      List<Double> sequential = new ArrayList<>();
      boolean same = true;
      for (int round = 2; round <= rounds && !cancelled.get(); round++) {
        String of = "round " + round + "/" + rounds;
        Double poolMillis = null;
        Double seqMillis = null;
        boolean baselineFirst = round % 2 == 0;
        for (int leg = 0; leg < 2 && !cancelled.get(); leg++) {
          if (baselineFirst == (leg == 0)) {
            if (!baselineOn) continue;
            SequentialBaseline.Counts c = baseline(algorithm, "sequential, " + of);
            if (!c.completed()) break;
            seqMillis = c.nanos() / 1e6;
            same &= first.sameCounts(job, c.primes(), c.factors());
          } else {
            JobResult r = poolRun(system, jobSpec, new Tally(null, null, job), "primes " + job.label() + ", " + of);
            if (r.interrupted()) break;
            poolMillis = r.wallNanos() / 1e6;
            same &= first.sameCounts(job, r.primes(), r.factors());
          }
        }
        if (cancelled.get() || poolMillis == null || (baselineOn && seqMillis == null)) break;
        pool.add(poolMillis);
        if (seqMillis != null) sequential.add(seqMillis);
      }
      return new JobReport.LaterRounds(pool, sequential, same);
    }

    /** One pool run over the whole input into {@code tally}, with a progress bar; Ctrl-C cancels it. */
    private JobResult poolRun(ActorSystem<Void> system, JobSpec jobSpec, Tally tally, String label) {
      AtomicLong answered = new AtomicLong();
      ProgressDisplay bar = ProgressDisplay.start(label, input.count(), answered::get);
      try (bar; CountingSource source = new CountingSource(input.open())) {
        long start = System.nanoTime();
        JobRun run = clusterJob
            ? PrimeKitchen.start(system, jobSpec, source, tally, coordinator.progress(answered::set), coordinator.workers())
            : PrimeKitchen.start(system, jobSpec, source, tally, answered::set,
                WorkerSource.localPool(settings.faultPlan()));
        current.set(run);
        if (cancelled.get()) run.cancel(); // Ctrl-C came between start and set
        JobResult result = await(run, tally, source, start);
        current.set(null);
        return result;
      }
    }

    /**
     * Runs the pool over the sample, round and round, with results discarded, and cancels it after
     * {@code duration}: the workers' and the coordinator's code is compiled before the timed run. The cancel
     * waits for the batches the workers hold: when those are heavy, only one batch per worker is in flight.
     */
    private void warmUpPool(ActorSystem<Void> system, JobSpec jobSpec, long[] sample, Duration duration,
        double nanosPerNumber) {
      if (sample.length == 0) return;
      // The timed run's shape: its batch size (when the sample fills two batches per worker) and the same sink
      // class, so the JIT has compiled what the timed run executes, not a look-alike.
      int batch = Math.max(1, Math.min(jobSpec.batchSize(), sample.length / (2 * jobSpec.poolSize())));
      double heldNanos = nanosPerNumber * batch * jobSpec.window() / jobSpec.poolSize();
      int window = heldNanos <= WARMUP_CANCEL_WAIT.toNanos() ? jobSpec.window() : jobSpec.poolSize();
      JobSpec warm = jobSpec.withBatches(batch, window);
      NumberSource cycling = new NumberSource() {
        int next;

        @Override
        public OptionalLong size() {
          return OptionalLong.empty();
        }

        @Override
        public int read(long[] buf) {
          for (int i = 0; i < buf.length; i++) {
            buf[i] = sample[next];
            next = (next + 1) % sample.length;
          }
          return buf.length;
        }
      };
      JobRun run = PrimeKitchen.start(system, warm, cycling, new Tally(null, null, jobSpec.job()), ProgressListener.NONE,
          WorkerSource.localPool(settings.faultPlan()));
      current.set(run);
      try {
        if (cancelled.get()) run.cancel();
        CompletableFuture<JobResult> f = run.result().toCompletableFuture();
        try {
          f.get(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          run.cancel();
        }
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException e) {
        // a failing warm-up shows up again, and is reported, in the real run
      } finally {
        current.set(null);
      }
    }

    /**
     * Waits for the job. After Ctrl-C the kitchen finishes the batches in flight; if that outlasts
     * {@link #cancelGrace} (the shutdown phase would time out first), the in-flight batches are abandoned and
     * the result is what the sink received, so the report and the CSV still cover everything that finished.
     */
    private JobResult await(JobRun run, Tally tally, CountingSource source, long startNanos) {
      CompletableFuture<JobResult> f = run.result().toCompletableFuture();
      long cancelSeen = 0;
      while (true) {
        try {
          return f.get(100, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          if (!cancelled.get()) continue;
          if (cancelSeen == 0) cancelSeen = System.nanoTime();
          if (System.nanoTime() - cancelSeen > cancelGrace().toNanos()) {
            tally.closeGate();
            return tally.partialResult(source.read(), System.nanoTime() - startNanos);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          run.cancel();
          throw new IllegalStateException("interrupted while waiting for the job", e);
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof UserError u) throw u;
          throw new JobFailed(cause);
        }
      }
    }

    /** How long a cancelled job may take to return its in-flight batches: within the shutdown phase's timeout. */
    private Duration cancelGrace() {
      String phase = "akka.coordinated-shutdown.phases.before-service-unbind.timeout";
      Duration timeout = config.hasPath(phase) ? config.getDuration(phase)
          : config.getDuration("akka.coordinated-shutdown.default-phase-timeout");
      return Duration.ofMillis(Math.max(500, (long) (timeout.toMillis() * 0.6)));
    }

    /**
     * The sink of the pool run: tees results to the CSV file and, for seed-sized runs, to the report's lines,
     * and keeps its own counts so that an abandoned run can still be reported. Once the gate is closed it
     * ignores late results, so the CSV stays an in-order prefix.
     */
    private static final class Tally implements ResultSink {
      private final CsvResultWriter csv;
      private final List<JobReport.NumberResult> shown;
      private final Job job;
      private boolean closed;
      private long answered;
      private long primes;
      private long factors;
      private long failedNumbers;
      private final List<JobResult.FailedBatch> failed = new ArrayList<>();

      Tally(CsvResultWriter csv, List<JobReport.NumberResult> shown, Job job) {
        this.csv = csv;
        this.shown = shown;
        this.job = job;
      }

      @Override
      public synchronized void accept(ResultBatch results) {
        if (closed) return;
        answered += results.size();
        primes += results.primes();
        factors += results.factorTotal();
        if (csv != null) csv.accept(results);
        if (shown != null) {
          results.forEach((index, number, prime, fs, offset, count) -> {
            List<Long> list = null;
            if (job == Job.FACTOR) {
              list = new ArrayList<>(count);
              for (int i = 0; i < count; i++) list.add(fs[offset + i]);
            }
            shown.add(new JobReport.NumberResult(number, prime, list));
          });
        }
      }

      @Override
      public synchronized void failed(long firstIndex, long[] numbers, String error) {
        if (closed) return;
        failedNumbers += numbers.length;
        failed.add(new JobResult.FailedBatch(firstIndex, numbers.clone(), error));
        if (csv != null) csv.failed(firstIndex, numbers, error);
      }

      synchronized void closeGate() {
        closed = true;
      }

      /** What finished, as far as this sink saw it (no per-worker figures). */
      synchronized JobResult partialResult(long numbersIn, long wallNanos) {
        return new JobResult(numbersIn, answered, failedNumbers, primes, factors, 0, List.copyOf(failed), 0,
            wallNanos, List.of(), true);
      }
    }

    /** Counts the numbers the kitchen read. */
    private static final class CountingSource implements NumberSource {
      private final NumberSource source;
      private volatile long read;

      CountingSource(NumberSource source) {
        this.source = source;
      }

      long read() {
        return read;
      }

      @Override
      public OptionalLong size() {
        return source.size();
      }

      @Override
      public int read(long[] buf) {
        int n = source.read(buf);
        read += n;
        return n;
      }

      @Override
      public void close() {
        source.close();
      }
    }

    /** "×" between factors, or "*" where stdout's encoding cannot print it. */
    private static String timesSign() {
      String enc = System.getProperty("sun.stdout.encoding");
      Charset cs;
      try {
        cs = enc == null ? Charset.defaultCharset() : Charset.forName(enc);
      } catch (RuntimeException e) {
        cs = Charset.defaultCharset();
      }
      return cs.newEncoder().canEncode('×') ? "×" : "*";
    }

    private static String seconds(long nanos) {
      if (nanos < 1e9) return String.format(Locale.ROOT, "%.0f ms", nanos / 1e6);
      return nanos >= 100e9 ? String.format(Locale.ROOT, "%,.0f s", nanos / 1e9)
          : String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
  }

  /** The job itself failed (its input or output broke): a one-line error, exit 1. */
  static final class JobFailed extends RuntimeException {
    JobFailed(Throwable cause) {
      super(String.valueOf(cause.getMessage() == null ? cause : cause.getMessage()), cause);
    }
  }
}
