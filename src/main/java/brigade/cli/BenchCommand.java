package brigade.cli;

import akka.Done;
import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import brigade.bench.Bench;
import brigade.bench.BenchSettings;
import brigade.config.LocalActorSystem;
import brigade.primes.PrimesSettings;
import com.typesafe.config.Config;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brigade bench}: the experiment users would otherwise do by hand with {@code primes}. Sweeps router
 * size × batch size × dispatch mode over one fixed set of numbers, timing at every point the actor pool, a
 * plain ForkJoinPool doing the same batches, and one thread, interleaved; writes results.csv, summary.json
 * and charts; prints the table and verdict. The experiment itself lives in {@link Bench}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      // The first line stands alone: `brigade --help` lists each command by it.
      "Sweep router size x batch size x dispatch mode on the prime kitchen.",
      "Times the actor pool against one thread and a plain ForkJoinPool (same batches)",
      "in one JVM. Writes results.csv, summary.json and charts (PNG and SVG).",
      "Options default to the brigade.bench.* settings in conf/application.conf."
    })
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin(name = "config")
  ConfigOptions config;

  @Option(names = "--job", paramLabel = "check|factor", description = "The job to time (brigade.bench.job).")
  String job;

  @Option(names = "--algorithm", paramLabel = "trial|fast", description = "Prime algorithm (brigade.bench.algorithm).")
  String algorithm;

  @Option(names = "--random", paramLabel = "N",
      description = "Numbers per run, random with a fixed seed (brigade.bench.random).")
  String random;

  @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the random numbers (brigade.bench.seed).")
  String seed;

  @Option(names = "--min", paramLabel = "N", description = "Smallest random number (brigade.bench.min).")
  String min;

  @Option(names = "--max", paramLabel = "N", description = "Largest random number (brigade.bench.max).")
  String max;

  @Option(names = "--pool-sizes", paramLabel = "LIST",
      description = "Router sizes to sweep, e.g. 1,2,4,8 (brigade.bench.pool-sizes).")
  String poolSizes;

  @Option(names = "--batch-sizes", paramLabel = "LIST",
      description = "Batch sizes to sweep, e.g. auto,16,256,4096 (brigade.bench.batch-sizes).")
  String batchSizes;

  @Option(names = "--dispatch", paramLabel = "LIST",
      description = "Dispatch modes to sweep: push, pull or push,pull (brigade.bench.dispatch).")
  String dispatch;

  @Option(names = "--repeat", paramLabel = "N", description = "Measured rounds per point (brigade.bench.repeat).")
  String repeat;

  @Option(names = "--warmup", paramLabel = "DURATION",
      description = "Warm-up before measuring, e.g. 5s, then on while the JIT compiler is busy, twice this at most; "
          + "0s for none (brigade.bench.warmup).")
  String warmup;

  @Option(names = "--out", paramLabel = "DIR", description = "Output directory (brigade.bench.out).")
  String out;

  @Override
  public Integer call() throws InterruptedException {
    Config conf = config.load(new Flags()
        .put("brigade.bench.job", "--job", job)
        .put("brigade.bench.algorithm", "--algorithm", algorithm)
        .put("brigade.bench.random", "--random", random)
        .put("brigade.bench.seed", "--seed", seed)
        .put("brigade.bench.min", "--min", min)
        .put("brigade.bench.max", "--max", max)
        .put("brigade.bench.pool-sizes", "--pool-sizes", poolSizes)
        .put("brigade.bench.batch-sizes", "--batch-sizes", batchSizes)
        .put("brigade.bench.dispatch", "--dispatch", dispatch)
        .put("brigade.bench.repeat", "--repeat", repeat)
        .put("brigade.bench.warmup", "--warmup", warmup)
        .put("brigade.bench.out", "--out", out)
        .asMap());
    BenchSettings settings = BenchSettings.from(conf);
    conf = PrimesSettings.kitchenSystemConfig(conf); // the kitchen's scheduler tick, as a primes run has it
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    int cores = Runtime.getRuntime().availableProcessors();

    Bench bench = new Bench(settings, cores); // checks the output directory before any work
    ActorSystem<Void> system = LocalActorSystem.create(Behaviors.empty(), "brigade", conf);
    CompletableFuture<Done> reported = new CompletableFuture<>();
    // Ctrl-C: stop after the run in progress and write what was measured; Ctrl-C again: stop now, unwritten.
    try (Interrupts ctrlC = Interrupts.install(() -> {
      stderr.println(spec.qualifiedName() + ": interrupted: stopping after the run in progress and writing what was "
          + "measured; Ctrl-C again to stop now");
      stderr.flush();
      bench.cancel();
    }, () -> {
      stderr.println(spec.qualifiedName() + ": stopped now (Ctrl-C again): nothing more is written");
      stderr.flush();
      Runtime.getRuntime().halt(Main.EXIT_INTERRUPTED);
    })) {
      // SIGTERM: stop measuring, and hold the JVM's exit until what was measured is written and printed.
      CoordinatedShutdown.get(system).addTask(
          CoordinatedShutdown.PhaseBeforeServiceUnbind(), "bench-report", () -> {
            bench.cancel();
            return reported;
          });
      stderr.printf(Locale.ROOT, "bench: %d %s x %d %s = %d %s (%s, %s, %,d numbers, %d cores), "
              + "warm-up %s%s; a run = actor pool + ForkJoinPool + one thread%n",
          bench.points().size(), bench.points().size() == 1 ? "point" : "points", settings.repeat(),
          settings.repeat() == 1 ? "repeat" : "repeats", bench.plannedRuns(), bench.plannedRuns() == 1 ? "run" : "runs",
          settings.job().label(),
          settings.algorithm().name(), settings.count(), cores, brigade.report.DurationText.of(settings.warmup()),
          settings.warmup().isZero() ? "" : " (up to " + brigade.report.DurationText.of(settings.warmup().multipliedBy(2))
              + " while the JIT compiler is busy)");
      stderr.flush();
      try (ProgressDisplay bar = ProgressDisplay.start("bench", bench.plannedRuns(), bench::runsDone)) {
        bench.run(system);
      }
      bench.report(stdout);
      if (bench.failure() != null) {
        stderr.println(spec.qualifiedName() + ": failed: " + bench.failure().getMessage()
            + " (results so far written to " + settings.out() + ")");
        stderr.flush();
        return Main.EXIT_FAILED;
      }
      return bench.cancelled() ? Main.EXIT_INTERRUPTED : Main.EXIT_OK;
    } catch (UncheckedIOException e) {
      stderr.println(spec.qualifiedName() + ": failed: " + e.getMessage());
      stderr.flush();
      return Main.EXIT_FAILED;
    } finally {
      reported.complete(Done.getInstance());
      system.terminate();
      try {
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // the process is ending anyway; everything measured has been written
      }
    }
  }
}
