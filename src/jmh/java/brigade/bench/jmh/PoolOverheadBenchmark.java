package brigade.bench.jmh;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import brigade.config.BrigadeConfig;
import brigade.primes.BatchPlan;
import brigade.primes.Dispatch;
import brigade.primes.Job;
import brigade.primes.JobResult;
import brigade.primes.JobSpec;
import brigade.primes.NumberSource;
import brigade.primes.PrimeAlgorithm;
import brigade.primes.PrimeKitchen;
import brigade.primes.ProgressListener;
import brigade.primes.ResultBatch;
import brigade.primes.ResultSink;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-message cost of the prime kitchen's actor pool: the same {@value #NUMBERS} cheap numbers (primality
 * of small odd numbers, tens of nanoseconds each) through {@link PrimeKitchen#start} at different batch sizes,
 * plus the same numbers computed inline with no pool at all.
 *
 * <p>Every score is in <b>microseconds per number</b> ({@code @OperationsPerInvocation(NUMBERS)}). A job of
 * N numbers in batches of b costs about {@code t(b) = c + m / b} per number, where {@code c} is the work per
 * number and {@code m} the cost of one batch's round trip: the {@code Compute} message to a worker through
 * the router (push) or the worker's credit (pull), the {@code Computed} reply, the coordinator's bookkeeping
 * (window, reorder buffer, sink) and the batch's arrays. Hence:
 *
 * <pre>
 *   per-message cost  m = (t(1) - t(B)) / (1 - 1/B)     with B the largest batch size measured (4096)
 *                       ~= t(1) - t(4096)
 *   cross-check        m ~= t(1) - Inline.inline     (Inline.inline = c, the work with no pool)
 * </pre>
 *
 * At b = 4096 the message cost is spread over 4096 numbers, so {@code t(4096)} should sit close to
 * {@code Inline.inline}: their difference is what the pool costs once batches are large (spawning the job's workers
 * and coordinator, and the window's pauses). {@code poolSize} is 1 by default so that m is the cost of a
 * message, not divided among cores; run with {@code -p poolSize=2} to see it on two workers.
 *
 * <p>Run (after {@code mvn -B -q -Pjmh package -DskipTests}):
 * <pre>
 *   java -jar target/benchmarks.jar PoolOverheadBenchmark
 *   java -jar target/benchmarks.jar PoolOverheadBenchmark -p dispatch=push -p batchSize=1,4096
 *   java -jar target/benchmarks.jar PoolOverheadBenchmark -rf json -rff pool-overhead.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class PoolOverheadBenchmark {
  /** Numbers per job: enough that the job's start and end are small next to its messages at b = 1. */
  public static final int NUMBERS = 1 << 16;

  @Param({"1", "16", "256", "4096"})
  public int batchSize;

  @Param({"push", "pull"})
  public String dispatch;

  @Param({"1"})
  public int poolSize;

  private ActorSystem<Void> system;
  private long[] numbers;
  private JobSpec spec;

  @Setup(Level.Trial)
  public void setUp() {
    numbers = cheapNumbers();
    spec = new JobSpec(Job.CHECK, PrimeAlgorithm.named("trial"), Dispatch.valueOf(dispatch.toUpperCase(Locale.ROOT)),
        poolSize, batchSize, BatchPlan.autoWindow(poolSize), 0, Duration.ofMinutes(1));
    system = ActorSystem.create(Behaviors.empty(), "pool-overhead", BrigadeConfig.defaults());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** The whole job through the actor pool: µs per number. */
  @Benchmark
  @OperationsPerInvocation(NUMBERS)
  public long pool(Blackhole bh) throws Exception {
    CountingSink sink = new CountingSink();
    JobResult r = PrimeKitchen.start(system, spec, NumberSource.of(numbers), sink, ProgressListener.NONE)
        .result().toCompletableFuture().get(5, TimeUnit.MINUTES);
    if (r.numbersAnswered() != NUMBERS) throw new IllegalStateException("answered " + r.numbersAnswered());
    bh.consume(r);
    return sink.primes;
  }

  /**
   * The same numbers computed inline on the benchmark thread, no pool: the work per number alone (c). A class
   * of its own so that it runs once, not once per batch size and dispatch mode.
   */
  @State(Scope.Benchmark)
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public static class Inline {
    private final long[] numbers = cheapNumbers();
    private final PrimeAlgorithm algorithm = PrimeAlgorithm.named("trial");

    @Benchmark
    @OperationsPerInvocation(NUMBERS)
    public long inline() {
      long primes = 0;
      for (long n : numbers) if (algorithm.isPrime(n)) primes++;
      return primes;
    }
  }

  /** Small odd numbers: trial division stops after a few steps, so the message is most of the cost. */
  static long[] cheapNumbers() {
    long[] numbers = new long[NUMBERS];
    for (int i = 0; i < NUMBERS; i++) numbers[i] = 1001 + 2L * (i % 500);
    return numbers;
  }

  private static final class CountingSink implements ResultSink {
    long primes;

    @Override
    public void accept(ResultBatch results) {
      primes += results.primes();
    }
  }

}
