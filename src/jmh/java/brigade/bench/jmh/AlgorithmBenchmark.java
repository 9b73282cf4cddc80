package brigade.bench.jmh;

import brigade.primes.FastAlgorithm;
import brigade.primes.PrimeAlgorithm;
import brigade.primes.TrialDivision;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The two prime algorithms per number size: one operation is one number (isPrime, or factor into a reused
 * buffer), so the score is numbers per second on one thread. Numbers come from a fixed seed and are cycled
 * through, so every run and every algorithm sees the same ones.
 *
 * <p>Trial division is left out of 2^62..2^63: a prime there costs it ~1.5·10^9 divisions (seconds), so a
 * number-per-operation score would say more about which numbers were drawn than about the algorithm.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AlgorithmBenchmark {
  /**
   * Numbers per pool: a power of two, so cycling is a mask; large enough to average out one number's luck and
   * to keep the branch predictor from learning the sequence (it does, for a few thousand numbers).
   */
  static final int POOL = 1 << 16;

  @State(Scope.Thread)
  public static class Numbers {
    long[] numbers;
    int next;
    final long[] out = new long[PrimeAlgorithm.MAX_FACTORS];

    void fill(String range) {
      numbers = Workloads.numbers(range, POOL);
    }

    long next() {
      return numbers[next++ & (POOL - 1)];
    }
  }

  /** The ranges the fast algorithm is measured on. */
  public static class FastNumbers extends Numbers {
    @Param({"1e4-1e5", "2e4-1e8", "1e12-1e13", "2^62-2^63"})
    public String range;

    @Setup
    public void setUp() {
      fill(range);
    }
  }

  /** The ranges trial division finishes in reasonable time (see the class comment). */
  public static class TrialNumbers extends Numbers {
    @Param({"1e4-1e5", "2e4-1e8", "1e12-1e13"})
    public String range;

    @Setup
    public void setUp() {
      fill(range);
    }
  }

  private static final PrimeAlgorithm FAST = FastAlgorithm.INSTANCE;
  private static final PrimeAlgorithm TRIAL = TrialDivision.INSTANCE;

  @Benchmark
  public boolean fastIsPrime(FastNumbers s) {
    return FAST.isPrime(s.next());
  }

  @Benchmark
  public void fastFactor(FastNumbers s, Blackhole bh) {
    int k = FAST.factor(s.next(), s.out);
    bh.consume(k);
    bh.consume(s.out[k - 1]);
  }

  @Benchmark
  public boolean trialIsPrime(TrialNumbers s) {
    return TRIAL.isPrime(s.next());
  }

  @Benchmark
  public void trialFactor(TrialNumbers s, Blackhole bh) {
    int k = TRIAL.factor(s.next(), s.out);
    bh.consume(k);
    bh.consume(s.out[k - 1]);
  }
}
