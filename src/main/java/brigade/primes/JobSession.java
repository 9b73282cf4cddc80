package brigade.primes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * One measured job, as the {@code primes} command runs it, on the prime kitchen's one measuring harness
 * ({@link TimedRounds}):
 * <ol>
 *   <li>the work is estimated from a sample of the input ({@link WorkEstimate}: from the numbers, not a timing, so the
 *       same input always gets the same plan): it sizes {@code auto} batches, decides an {@code auto} baseline and
 *       tells a job too small to time; the algorithm's kernel is compiled on the sample before anything is timed;
 *   <li>the pool is warmed up (untimed) on the sample, with the ForkJoinPool reference, when they are going to be
 *       compared;
 *   <li>round 1: the pool run, whose results go to the output (and, for seed-sized inputs, to the report), then the
 *       ForkJoinPool reference and the sequential baseline on the same numbers;
 *   <li>later rounds ({@code repeat}): the three again, in rotating order, every result checked (counts and a
 *       checksum of every answer) against round 1's;
 *   <li>the outcome, from which {@code JobReport} quotes medians with min–max.
 * </ol>
 * {@link #cancel} (Ctrl-C) stops it at any point; what finished is kept, and the output is an in-order prefix.
 * The pool's workers come from {@link Workers}: a long-lived local kitchen, or a cluster's.
 */
public final class JobSession {
  /** Less sequential work than this is too small to time: milliseconds are all start-up, scheduling and noise. */
  public static final Duration TOO_SMALL = Duration.ofMillis(5);
  /**
   * At most this long running the kernel on the sample before the first timed run, so that the JIT has begun
   * compiling it (a --no-baseline run has no other warm-up). A longer one, up to the whole estimated work, made no
   * difference measurable against run-to-run noise on 1M `fast` factorisations.
   */
  private static final Duration KERNEL_WARMUP = Duration.ofMillis(100);
  /** The pool warms up on at most this many numbers of the input: enough for full-size batches. */
  private static final int POOL_WARMUP_NUMBERS = 1 << 16;
  private static final int SAMPLE_SIZE = 64;
  /** Jobs of a few numbers each warm-up round runs besides the sample's: see {@link #warmUp}. */
  private static final int TINY_JOBS_PER_ROUND = 20;
  /** A job warms up on whole rounds when at least this many fit in its shortest warm-up. */
  private static final int FULL_ROUNDS_IN_WARMUP = 8;

  /** Shows a pass's progress (the command's progress bar); {@link #NONE} shows nothing. */
  @FunctionalInterface
  public interface Progress {
    /** Starts showing {@code label} with {@code done} of {@code total} numbers; closed when the pass ends. */
    AutoCloseable show(String label, long total, LongSupplier done);

    /**
     * Starts showing a wait (the warm-up) of at most {@code atMostMillis} that may end sooner, {@code elapsedMillis}
     * so far; closed when it ends. By default, as {@link #show}.
     */
    default AutoCloseable showWait(String label, long atMostMillis, LongSupplier elapsedMillis) {
      return show(label, atMostMillis, elapsedMillis);
    }

    Progress NONE = (label, total, done) -> () -> {};
  }

  /** Where the session's pool runs happen. */
  public interface Workers {
    /** Starts one pool run of {@code spec} over {@code input}. */
    JobRun start(JobSpec spec, NumberSource input, ResultSink sink, ProgressListener progress);

    /** The spec the workers run (a cluster's workers always pull). */
    default JobSpec adapt(JobSpec spec) {
      return spec;
    }

    /**
     * Whether the workers run on this machine: then the pool is warmed up, timed again and compared with a
     * ForkJoinPool of the same size here. A cluster job's run is timed once.
     */
    boolean local();

    /** How long the workers took to start (measured once), or null where that is not known. */
    Duration startup();

    /** A long-lived local kitchen's workers, with the job's faults. */
    static Workers kitchen(PrimeKitchen kitchen, FaultPlan faults) {
      Objects.requireNonNull(kitchen, "kitchen");
      Objects.requireNonNull(faults, "faults");
      return new Workers() {
        @Override
        public JobRun start(JobSpec spec, NumberSource input, ResultSink sink, ProgressListener progress) {
          return kitchen.start(spec, input, sink, progress, faults);
        }

        @Override
        public boolean local() {
          return true;
        }

        @Override
        public Duration startup() {
          try {
            return kitchen.ready().toCompletableFuture().get();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
          } catch (ExecutionException e) {
            throw new IllegalStateException("the prime kitchen's workers did not start: " + e.getCause(), e.getCause());
          }
        }
      };
    }
  }

  /**
   * What the session measured.
   *
   * @param spec the job as run, every auto resolved
   * @param result the first pool run (the one whose results were written)
   * @param baselineMode whether the baseline ran and why
   * @param poolMillis each timed pool run
   * @param sequentialMillis each sequential baseline (empty when it did not run)
   * @param forkJoinMillis each ForkJoinPool reference run (empty when it did not run)
   * @param agrees whether every other pass computed exactly what the first pool run did (null: nothing compared)
   * @param warmupMillis how long the pool was warmed up (null: not warmed up)
   * @param startupMillis how long the pool's workers took to start, once (null: not known)
   * @param estimatedSequentialMillis the sample's estimate of the work on one thread (0: not estimated)
   * @param shown each number's result, for inputs of at most {@code JobReport.RESULTS_SHOWN} numbers (else empty)
   * @param interrupted Ctrl-C stopped the session (or a failing output did: see outputError)
   * @param outputError why writing the output failed, which stopped the session (null: it did not fail)
   * @param io the first pool run's reading and writing, done on the I/O dispatcher alongside it (null: no I/O
   *     dispatcher, e.g. a job run from code without one)
   */
  public record Outcome(JobSpec spec, JobResult result, String baselineMode, List<Double> poolMillis,
      List<Double> sequentialMillis, List<Double> forkJoinMillis, Boolean agrees, Double warmupMillis,
      Double startupMillis, double estimatedSequentialMillis, List<ResultBatch> shown, boolean interrupted,
      String outputError, IoTimes io) {

    /** An outcome whose output may have failed, I/O times not known. */
    public Outcome(JobSpec spec, JobResult result, String baselineMode, List<Double> poolMillis,
        List<Double> sequentialMillis, List<Double> forkJoinMillis, Boolean agrees, Double warmupMillis,
        Double startupMillis, double estimatedSequentialMillis, List<ResultBatch> shown, boolean interrupted,
        String outputError) {
      this(spec, result, baselineMode, poolMillis, sequentialMillis, forkJoinMillis, agrees, warmupMillis,
          startupMillis, estimatedSequentialMillis, shown, interrupted, outputError, null);
    }

    /** An outcome whose output did not fail. */
    public Outcome(JobSpec spec, JobResult result, String baselineMode, List<Double> poolMillis,
        List<Double> sequentialMillis, List<Double> forkJoinMillis, Boolean agrees, Double warmupMillis,
        Double startupMillis, double estimatedSequentialMillis, List<ResultBatch> shown, boolean interrupted) {
      this(spec, result, baselineMode, poolMillis, sequentialMillis, forkJoinMillis, agrees, warmupMillis,
          startupMillis, estimatedSequentialMillis, shown, interrupted, null);
    }
  }

  /**
   * Where the first pool run's I/O time went, on the I/O dispatcher's threads (so alongside the run, not inside it).
   *
   * @param inputMillis reading and parsing the input, in ms; null when it was not read on an I/O thread (numbers
   *     in memory: the command line, a range, random numbers)
   * @param outputMillis writing the results (0 when nothing was written), including the flush after the run, in ms
   */
  public record IoTimes(Double inputMillis, double outputMillis) {}

  /** The job's input or output broke: the session cannot go on. */
  public static final class JobFailed extends RuntimeException {
    JobFailed(Throwable cause) {
      super(String.valueOf(cause.getMessage() == null ? cause : cause.getMessage()), cause);
    }
  }

  private final PrimesSettings settings;
  private final Job job;
  private final NumberSources.Input input;
  private final Workers workers;
  private final ResultSink output;
  private final Progress progress;
  private final Duration cancelGrace;
  private final int showUpTo;
  private final Executor io;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private volatile boolean stopNow;
  /** The output failed (disk full): the session stopped, and reports what was computed. */
  private volatile RuntimeException outputFailure;
  /** The first pool run's I/O times (set by the thread running the session). */
  private IoTimes firstRunIo;
  private final AtomicReference<JobRun> current = new AtomicReference<>();
  private final ForkJoinPass forkJoin = new ForkJoinPass();
  private final brigade.trace.Tracer tracer;
  private final brigade.trace.Tracer.Track passes;

  /**
   * @param output where the first pool run's results go, in input order (the CSV), or {@link ResultSink#NONE}
   * @param cancelGrace after {@link #cancel}, how long the pool may take to return its in-flight batches before the
   *     session stops waiting and reports what the output received
   * @param showUpTo inputs of at most this many numbers have each result in the outcome
   * @param io where the input is read ahead and the output written, off the coordinator's thread (a dispatcher for
   *     blocking I/O); null to read and write on the coordinator's thread
   */
  public JobSession(PrimesSettings settings, Job job, NumberSources.Input input, Workers workers, ResultSink output,
      Progress progress, Duration cancelGrace, int showUpTo, Executor io) {
    this(settings, job, input, workers, output, progress, cancelGrace, showUpTo, io, brigade.trace.Tracer.OFF);
  }

  /**
   * As above, traced: each timed pass (pool run, ForkJoinPool reference, sequential baseline) is a slice on a
   * "passes" track, and each pool run's coordinator traces its batches, workers and queues (the untimed warm-up is
   * not traced).
   *
   * @param tracer the run's trace, or {@link brigade.trace.Tracer#OFF}
   */
  public JobSession(PrimesSettings settings, Job job, NumberSources.Input input, Workers workers, ResultSink output,
      Progress progress, Duration cancelGrace, int showUpTo, Executor io, brigade.trace.Tracer tracer) {
    this.tracer = Objects.requireNonNull(tracer, "tracer");
    this.passes = tracer.track(JobCoordinator.TRACE_PROCESS, "passes");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.job = Objects.requireNonNull(job, "job");
    this.input = Objects.requireNonNull(input, "input");
    this.workers = Objects.requireNonNull(workers, "workers");
    this.output = Objects.requireNonNull(output, "output");
    this.progress = Objects.requireNonNull(progress, "progress");
    this.cancelGrace = Objects.requireNonNull(cancelGrace, "cancelGrace");
    this.showUpTo = showUpTo;
    this.io = io;
  }

  /** Stops the session as soon as it can (Ctrl-C): safe from any thread, any number of times. */
  public void cancel() {
    cancelled.set(true);
    JobRun run = current.get();
    if (run != null) run.cancel();
  }

  /**
   * Stops at once (a second Ctrl-C): as {@link #cancel}, and a pool run waits no longer for the batches its workers
   * hold; what the output received is reported. Safe from any thread.
   */
  public void stopNow() {
    stopNow = true;
    cancel();
  }

  public boolean cancelled() {
    return cancelled.get();
  }

  /**
   * Runs the session; blocks until it is done or cancelled.
   *
   * @throws JobFailed if the input or the output broke
   */
  public Outcome run() {
    try {
      return measure();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel();
      throw new JobFailed(e);
    } finally {
      forkJoin.close();
    }
  }

  private Outcome measure() throws InterruptedException {
    PrimeAlgorithm algorithm = settings.primeAlgorithm();

    // 1. Estimate the work from a sample spread across the input, and compile the kernel on it.
    long[] sample = input.sample(SAMPLE_SIZE);
    double nanosPerNumber = WorkEstimate.nanosPerNumber(algorithm, job, sample);
    // A tenth of the work at most: a job of a few milliseconds gains nothing from compiled code it ends before.
    SequentialBaseline.warmUp(algorithm, job, sample, Math.min(KERNEL_WARMUP.toNanos(), (long) (estimateOf(
        nanosPerNumber) / 10)));
    JobSpec spec = workers.adapt(settings.resolve(job, OptionalLong.of(input.count()), nanosPerNumber));
    long estimate = estimateOf(nanosPerNumber);
    String est = "estimated " + seconds(estimate) + " of sequential work";
    boolean baselineOn;
    String baselineMode;
    switch (settings.baseline()) {
      case OFF -> {
        baselineOn = false;
        baselineMode = "off";
      }
      case ON -> {
        baselineOn = true;
        baselineMode = "on (" + est + ")";
      }
      default -> {
        baselineOn = estimate < PrimesSettings.BASELINE_AUTO_LIMIT.toNanos();
        baselineMode = "auto: " + (baselineOn ? "on" : "off") + " (" + est
            + (baselineOn ? ")" : ", over " + PrimesSettings.BASELINE_AUTO_LIMIT.toSeconds() + " s; --baseline forces it)");
      }
    }
    boolean tooSmall = baselineOn && estimate < TOO_SMALL.toNanos();
    boolean compareHere = baselineOn && workers.local();
    Duration startup = workers.startup(); // the workers start once, before anything is timed

    // 2. Warm up the pool (and the references), when they are going to be compared: at least the setting (auto: the
    // estimated work, 1 s to 5 s), and with auto on until the JIT compiler has settled, 5 s at most.
    Duration warmup = settings.warmup() != null ? settings.warmup()
        : tooSmall ? Duration.ZERO : settings.warmupFor(estimate);
    Duration warmupLimit = settings.warmup() != null ? warmup : PrimesSettings.WARMUP_AUTO_MAX;
    Double warmupMillis = null;
    if (compareHere && !warmup.isZero() && !cancelled.get()) {
      long warmStart = System.nanoTime();
      // Seconds with nothing to show: a terminal gets a bar of the warm-up's milliseconds, up to its longest.
      String label = warmupLimit.compareTo(warmup) > 0 ? "warm-up (until the JIT settles)" : "warm-up";
      try (AutoCloseable bar = progress.showWait(label, warmupLimit.toMillis(),
          () -> Math.min(warmupLimit.toMillis(), (System.nanoTime() - warmStart) / 1_000_000))) {
        // A job whose whole round (pool, fork-join, sequential: ~3 x the estimate) fits many times over warms up on
        // exactly the passes that are timed; a larger one on its sample.
        if (3 * estimate <= warmup.toNanos() / FULL_ROUNDS_IN_WARMUP) {
          warmUpRounds(spec, algorithm, baselineOn, warmup, warmupLimit);
        } else {
          warmUp(spec, warmup, warmupLimit);
        }
      } catch (InterruptedException | RuntimeException e) {
        throw e;
      } catch (Exception e) { // closing the progress bar
        throw new IllegalStateException(e);
      }
      warmupMillis = (System.nanoTime() - warmStart) / 1e6;
    }

    // 3. Round 1: the pool run writes the results; the references compute the same numbers.
    List<ResultBatch> shown = new ArrayList<>();
    AtomicReference<JobResult> first = new AtomicReference<>();
    List<TimedRounds.Pass> round1 = new ArrayList<>();
    round1.add(traced(TimedRounds.pass("actor pool", () -> poolPass(spec, output,
        input.count() <= showUpTo ? shown : null, "primes " + job.label(), first)), 1));
    if (compareHere) round1.add(traced(forkJoinPass(spec), 1));
    if (baselineOn) round1.add(traced(sequentialPass(algorithm, "sequential"), 1));
    List<Double> pool = new ArrayList<>();
    List<Double> fj = new ArrayList<>();
    List<Double> seq = new ArrayList<>();
    Boolean agrees = null;
    TimedRounds.Round r1 = null;
    try {
      r1 = TimedRounds.round(round1, 0, 0, null, null, cancelled::get);
      if (r1 != null && round1.size() > 1) agrees = true;
    } catch (TimedRounds.Mismatch e) {
      agrees = false;
    }
    JobResult result = first.get();
    if (result == null) { // cancelled before the pool run could start
      result = new JobResult(0, 0, 0, 0, 0, 0, List.of(), 0, 0, List.of(), true);
    }
    if (r1 != null) {
      record(r1, round1.size(), compareHere, baselineOn, pool, fj, seq);
    } else {
      pool.add(result.wallNanos() / 1e6);
    }

    // 4. Later rounds, in rotating order, each checked against round 1.
    if (r1 != null) { // round 1 completed and agreed (a mismatch leaves r1 null)
      long firstRound = 0;
      for (long n : r1.nanos()) firstRound += n;
      int rounds = !workers.local() ? 1
          : settings.repeat() == PrimesSettings.AUTO && tooSmall ? 1
          : settings.roundsFor(firstRound, baselineOn);
      for (int round = 1; round < rounds && !cancelled.get(); round++) {
        String of = "round " + (round + 1) + "/" + rounds;
        List<TimedRounds.Pass> passes = new ArrayList<>();
        int number = round + 1;
        passes.add(traced(TimedRounds.pass("actor pool", () -> poolPass(spec, ResultSink.NONE, null,
            "primes " + job.label() + ", " + of, null)), number));
        if (compareHere) passes.add(traced(forkJoinPass(spec), number));
        if (baselineOn) passes.add(traced(sequentialPass(algorithm, "sequential, " + of), number));
        TimedRounds.Round r;
        try {
          r = TimedRounds.round(passes, round, 0, r1.tally(), "the first pool run", cancelled::get);
        } catch (TimedRounds.Mismatch e) {
          agrees = false;
          break;
        }
        if (r == null) break; // Ctrl-C: a partial round is never quoted
        record(r, passes.size(), compareHere, baselineOn, pool, fj, seq);
      }
    }

    boolean interrupted = result.interrupted() || cancelled.get();
    // A cluster's pool is the workers the job found on the nodes (none, if none came), not this node's setting.
    JobSpec ran = workers.local() ? spec : spec.withPoolSize(result.workers().size());
    RuntimeException broken = outputFailure;
    return new Outcome(ran, result, baselineMode, pool, seq, fj, agrees, warmupMillis,
        startup == null ? null : startup.toNanos() / 1e6, estimate / 1e6, shown, interrupted,
        broken == null ? null : String.valueOf(broken.getMessage()), firstRunIo);
  }

  private static void record(TimedRounds.Round r, int passes, boolean fjOn, boolean seqOn, List<Double> pool,
      List<Double> fj, List<Double> seq) {
    long[] nanos = r.nanos();
    pool.add(nanos[0] / 1e6);
    if (fjOn) fj.add(nanos[1] / 1e6);
    if (seqOn) seq.add(nanos[passes - 1] / 1e6);
  }

  /**
   * Warms the pool and the ForkJoinPool up on the sample: whole runs of full-size batches (two per worker), round
   * and round, for {@code atLeast} and then until the JIT has settled or {@code atMost} has passed ({@link
   * TimedRounds#warmUp(Duration, Duration, TimedRounds.WarmUpRound)}), so the timed runs execute compiled code.
   */
  private void warmUp(JobSpec spec, Duration atLeast, Duration atMost) throws InterruptedException {
    int numbers = (int) Math.min(POOL_WARMUP_NUMBERS, 2L * spec.poolSize() * spec.batchSize());
    long[] sample = input.sample(Math.max(SAMPLE_SIZE, numbers));
    if (sample.length == 0) return;
    // The timed run's batch size when the sample fills two batches per worker.
    int batch = Math.max(1, Math.min(spec.batchSize(), sample.length / (2 * spec.poolSize())));
    JobSpec warm = spec.withBatches(batch, spec.window());
    TimedRounds.warmUp(atLeast, atMost, round -> {
      Tally.Builder t = new Tally.Builder();
      if (await(start(warm, NumberSource.of(sample), t, ProgressListener.NONE), null, null, 0).interrupted()) {
        return false;
      }
      if (forkJoin.run(warm, NumberSource.of(sample), cancelled::get) == null) return false;
      return tinyJobs(spec, sample);
    });
  }

  /**
   * Warms up on whole untimed rounds of the very passes that are timed (the pool run into no output, the
   * ForkJoinPool reference, the sequential baseline), with {@link #TINY_JOBS_PER_ROUND} tiny jobs each round, as
   * {@link #warmUp}'s.
   */
  private void warmUpRounds(JobSpec spec, PrimeAlgorithm algorithm, boolean baselineOn, Duration atLeast,
      Duration atMost) throws InterruptedException {
    long[] sample = input.sample(SAMPLE_SIZE);
    TimedRounds.warmUp(atLeast, atMost, round -> {
      List<TimedRounds.Pass> passes = new ArrayList<>();
      passes.add(TimedRounds.pass("actor pool", () -> poolPass(spec, ResultSink.NONE, null, null, null)));
      passes.add(forkJoinPass(spec));
      if (baselineOn) passes.add(sequentialPass(algorithm, null));
      try {
        if (TimedRounds.round(passes, round, 0, null, null, cancelled::get) == null) return false;
      } catch (TimedRounds.Mismatch e) {
        return false; // round 1 finds it again, and reports it
      }
      return tinyJobs(spec, sample);
    });
  }

  /**
   * Jobs of a few numbers, {@link #TINY_JOBS_PER_ROUND} of them: a job's own start and end (a coordinator taken, the
   * workers lent, the result handed back) run once per job, so only many jobs get that code compiled; measured, a job
   * of ~15 ms starts and ends ~1 ms faster after a thousand jobs than after a hundred.
   *
   * @return false if cancelled
   */
  private boolean tinyJobs(JobSpec spec, long[] sample) throws InterruptedException {
    long[] few = java.util.Arrays.copyOf(sample, Math.min(sample.length, 2 * spec.poolSize()));
    JobSpec tiny = spec.withBatches(1, spec.window()).withSplit(0, 0);
    for (int i = 0; i < TINY_JOBS_PER_ROUND; i++) {
      if (await(start(tiny, NumberSource.of(few), ResultSink.NONE, ProgressListener.NONE), null, null, 0)
          .interrupted()) {
        return false;
      }
    }
    return !cancelled.get();
  }

  /** The estimated sequential work of the whole input, in ns. */
  private long estimateOf(double nanosPerNumber) {
    return (long) Math.min(Long.MAX_VALUE, nanosPerNumber * input.count());
  }

  private JobRun start(JobSpec spec, NumberSource source, ResultSink sink, ProgressListener listener) {
    JobRun run = workers.start(spec, source, sink, listener);
    current.set(run);
    if (cancelled.get()) run.cancel(); // Ctrl-C came between start and set
    return run;
  }

  /**
   * One pool run over the whole input into {@code sink} (teed to a tally and, when asked, to {@code shown}), with a
   * progress bar.
   *
   * @param label the progress bar's; null for none (the warm-up)
   * @param first receives the run's result (the first round), or null
   * @return what it computed; null if it was interrupted or gave up on a batch (its time measures less work)
   */
  private Tally poolPass(JobSpec spec, ResultSink sink, List<ResultBatch> shown, String label,
      AtomicReference<JobResult> first) throws InterruptedException {
    AtomicLong answered = new AtomicLong();
    AsyncSink writer = io == null || sink == ResultSink.NONE ? null
        : new AsyncSink(sink, io, 2 * spec.window(), this::cancel); // a broken output stops the work

    Tee tee = new Tee(writer == null ? sink : writer, shown);
    JobResult result;
    NumberSource read = readAhead(spec);
    try (AutoCloseable bar = (label == null ? Progress.NONE : progress).show(label, input.count(), answered::get);
        CountingSource source = new CountingSource(read)) {
      long start = System.nanoTime();
      result = await(start(spec, source, tee, ProgressListener.traced(answered::set, tracer)), tee, source, start);
      current.set(null);
    } catch (InterruptedException | RuntimeException e) {
      throw e;
    } catch (Exception e) { // closing the progress bar
      throw new IllegalStateException(e);
    } finally {
      if (writer != null) drain(writer);
    }
    long flushStart = System.nanoTime();
    if (sink != ResultSink.NONE && outputFailure == null) flush(sink); // complete: on disk before any later round
    if (first != null) {
      first.set(result);
      if (read instanceof PrefetchingSource || writer != null) { // something ran on the I/O dispatcher
        long written = writer == null ? 0 : writer.writeNanos() + (System.nanoTime() - flushStart);
        Double readMillis = read instanceof PrefetchingSource prefetched ? prefetched.readNanos() / 1e6 : null;
        firstRunIo = new IoTimes(readMillis, written / 1e6);
      }
    }
    return result.interrupted() || !result.failedBatches().isEmpty() ? null : tee.tally();
  }

  /** Waits for the output to be written; a write that failed is kept, to report with what was computed. */
  private void drain(AsyncSink writer) {
    try {
      writer.drain();
    } catch (RuntimeException e) {
      outputFailure = e;
    }
  }

  private void flush(ResultSink sink) {
    try {
      sink.flush();
    } catch (RuntimeException e) {
      outputFailure = e;
      cancel();
    }
  }

  /** A fresh source over the input, read ahead off the reading thread when it reads storage and there is an I/O executor. */
  private NumberSource readAhead(JobSpec spec) {
    NumberSource source = input.open();
    if (io == null || !input.readsStorage()) return source;
    long ahead = (long) spec.window() * spec.batchSize() / PrefetchingSource.CHUNK + 1;
    return new PrefetchingSource(source, io, (int) Math.min(64, Math.max(2, ahead)));
  }

  /** The pass as a slice on the "passes" track when tracing ("actor pool run", "fork-join reference", "sequential"). */
  private TimedRounds.Pass traced(TimedRounds.Pass pass, int round) {
    if (!tracer.on()) return pass;
    return TimedRounds.pass(pass.name(), () -> {
      long start = System.nanoTime();
      Tally t = pass.run();
      tracer.complete(passes, pass.name(), "pass", start, System.nanoTime() - start, "round", round,
          "completed", t != null, "thread", Thread.currentThread().getName());
      return t;
    });
  }

  private TimedRounds.Pass forkJoinPass(JobSpec spec) {
    return TimedRounds.pass("fork-join", () -> {
      try (NumberSource source = readAhead(spec)) {
        return forkJoin.run(spec, source, cancelled::get);
      }
    });
  }

  /** The sequential baseline as a pass, with a progress bar labelled {@code label} (null: none, the warm-up). */
  private TimedRounds.Pass sequentialPass(PrimeAlgorithm algorithm, String label) {
    return TimedRounds.pass("sequential", () -> {
      AtomicLong done = new AtomicLong();
      try (AutoCloseable bar = (label == null ? Progress.NONE : progress).show(label, input.count(), done::get);
          NumberSource source = input.open()) {
        SequentialBaseline.Counts c = SequentialBaseline.run(algorithm, job, source, cancelled::get, done);
        return c.completed() ? c.tally() : null;
      } catch (InterruptedException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /**
   * Waits for a pool run. After {@link #cancel} the kitchen finishes the batches in flight; if that outlasts the
   * cancel grace, the in-flight batches are abandoned and the result is what the sink received, so the report and
   * the output still cover everything that finished.
   */
  private JobResult await(JobRun run, Tee tee, CountingSource source, long startNanos) throws InterruptedException {
    CompletableFuture<JobResult> f = run.result().toCompletableFuture();
    long cancelSeen = 0;
    while (true) {
      try {
        return f.get(stopNow ? 10 : 100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (!cancelled.get()) continue;
        if (cancelSeen == 0) cancelSeen = System.nanoTime();
        if (tee != null && (stopNow || System.nanoTime() - cancelSeen > cancelGrace.toNanos())) {
          tee.closeGate();
          return tee.partialResult(source.read(), System.nanoTime() - startNanos);
        }
      } catch (InterruptedException e) {
        run.cancel();
        throw e;
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof brigade.UserError u) throw u;
        throw new JobFailed(cause);
      }
    }
  }

  /**
   * The sink of a pool run: passes results on to the output and, for seed-sized inputs, to the shown list, and
   * keeps a tally of its own, so that the run can be checked against the references and an abandoned run can still
   * be reported. Once the gate is closed it ignores late results, so the output stays an in-order prefix.
   */
  private static final class Tee implements ResultSink {
    private final ResultSink sink;
    private final List<ResultBatch> shown;
    private final Tally.Builder tally = new Tally.Builder();
    private boolean closed;
    private long failedNumbers;
    private final List<JobResult.FailedBatch> failed = new ArrayList<>();

    Tee(ResultSink sink, List<ResultBatch> shown) {
      this.sink = sink;
      this.shown = shown;
    }

    @Override
    public synchronized void accept(ResultBatch results) {
      if (closed) return;
      tally.add(results);
      sink.accept(results);
      if (shown != null) shown.add(results);
    }

    @Override
    public synchronized void failed(long firstIndex, long[] numbers, String error) {
      if (closed) return;
      failedNumbers += numbers.length;
      failed.add(new JobResult.FailedBatch(firstIndex, numbers.clone(), error));
      sink.failed(firstIndex, numbers, error);
    }

    synchronized Tally tally() {
      return tally.build();
    }

    synchronized void closeGate() {
      closed = true;
    }

    /** What finished, as far as this sink saw it (no per-worker figures). */
    synchronized JobResult partialResult(long numbersIn, long wallNanos) {
      Tally t = tally.build();
      return new JobResult(numbersIn, t.answered(), failedNumbers, t.primes(), t.factors(), 0, List.copyOf(failed), 0,
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

  private static String seconds(long nanos) {
    if (nanos < 10e6) return String.format(java.util.Locale.ROOT, "%.2f ms", nanos / 1e6);
    if (nanos < 1e9) return String.format(java.util.Locale.ROOT, "%.0f ms", nanos / 1e6);
    return nanos >= 100e9 ? String.format(java.util.Locale.ROOT, "%,.0f s", nanos / 1e9)
        : String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
  }
}
