package brigade.bench.jmh;

import brigade.trace.Tracer;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one trace event on the actor's thread, as the restaurant's staff and the primes coordinator pay it: a
 * complete event with four arguments (what an order step or a batch slice carries). {@code off} is a run without
 * {@code --trace} (the {@link Tracer#OFF} guard); {@code on} hands the event to a tracer whose writer thread streams to
 * a null stream (the file's cost is the writer thread's, not the actor's; on a busy machine it competes for a core).
 * {@code onCapped} is a tracer past its cap (counted, not queued). The writer may fall behind a loop that does nothing
 * else: the teardown prints how many events it dropped (an actor between events does real work).
 *
 * <p>Run: {@code mvn -Pjmh package -DskipTests && java -jar target/benchmarks.jar TraceEventBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class TraceEventBenchmark {
  private Tracer on;
  private Tracer capped;
  private Tracer.Track onTrack;
  private Tracer.Track cappedTrack;
  private final Tracer off = Tracer.OFF;
  private final Tracer.Track offTrack = Tracer.OFF.track("p", "worker-1");
  private long order;

  @Setup(Level.Trial)
  public void open() {
    on = Tracer.to(OutputStream.nullOutputStream(), Long.MAX_VALUE);
    onTrack = on.track("restaurant", "worker-1");
    capped = Tracer.to(OutputStream.nullOutputStream(), 0);
    cappedTrack = capped.track("restaurant", "worker-1");
  }

  @TearDown(Level.Trial)
  public void close() {
    Tracer.Result r = on.close();
    System.out.printf("%n[on] written %,d, dropped %,d (writer behind)%n", r.written(), r.dropped());
    capped.close();
  }

  private static long step(Tracer tracer, Tracer.Track track, long order) {
    if (tracer.on()) {
      long start = System.nanoTime();
      tracer.complete(track, "cook", "order", start, 3_000_000, "order", order, "thread",
          Thread.currentThread().getName());
    }
    return order + 1;
  }

  @Benchmark
  public long off() {
    return order = step(off, offTrack, order);
  }

  @Benchmark
  public long on() {
    return order = step(on, onTrack, order);
  }

  @Benchmark
  public long onCapped() {
    return order = step(capped, cappedTrack, order);
  }
}
