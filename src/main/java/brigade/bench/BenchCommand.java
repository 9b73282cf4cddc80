package brigade.bench;

import akka.Done;
import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import brigade.cli.ConfigOptions;
import brigade.cli.Flags;
import brigade.cli.Main;
import brigade.primes.BatchPlan;
import com.typesafe.config.Config;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brigade bench}: the experiment users would otherwise do by hand with {@code primes}. Sweeps router
 * size × batch size × dispatch mode over one fixed set of numbers, timing at every point the actor pool, a
 * plain ForkJoinPool doing the same batches, and one thread, interleaved; writes results.csv, summary.json
 * and charts; prints the table and verdict.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Sweep router size x batch size x dispatch mode on the prime kitchen, against one thread and a plain",
      "ForkJoinPool doing the same batches, in one JVM; write results.csv, summary.json and charts (PNG, SVG).",
      "Every option defaults to its brigade.bench.* setting in conf/application.conf."
    })
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin(name = "config")
  ConfigOptions config;

  @Option(names = "--job", paramLabel = "check|factor", description = "The job to time (brigade.bench.job).")
  String job;

  @Option(names = "--algorithm", paramLabel = "trial|fast", description = "Prime algorithm (brigade.bench.algorithm).")
  String algorithm;

  @Option(names = "--random", paramLabel = "N", description = "Numbers per run, random with a fixed seed (brigade.bench.random).")
  String random;

  @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the random numbers (brigade.bench.seed).")
  String seed;

  @Option(names = "--min", paramLabel = "N", description = "Smallest random number (brigade.bench.min).")
  String min;

  @Option(names = "--max", paramLabel = "N", description = "Largest random number (brigade.bench.max).")
  String max;

  @Option(names = "--pool-sizes", paramLabel = "LIST", description = "Router sizes to sweep, e.g. 1,2,4,8 (brigade.bench.pool-sizes).")
  String poolSizes;

  @Option(names = "--batch-sizes", paramLabel = "LIST", description = "Batch sizes to sweep, e.g. auto,16,256,4096 (brigade.bench.batch-sizes).")
  String batchSizes;

  @Option(names = "--dispatch", paramLabel = "LIST", description = "Dispatch modes to sweep: push, pull or push,pull (brigade.bench.dispatch).")
  String dispatch;

  @Option(names = "--repeat", paramLabel = "N", description = "Measured rounds per point (brigade.bench.repeat).")
  String repeat;

  @Option(names = "--warmup", paramLabel = "DURATION", description = "Warm-up before measuring, e.g. 5s; 0s for none (brigade.bench.warmup).")
  String warmup;

  @Option(names = "--out", paramLabel = "DIR", description = "Output directory (brigade.bench.out).")
  String out;

  @Override
  public Integer call() throws Exception {
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
    BenchOutput.prepare(settings.out());
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();

    int cores = Runtime.getRuntime().availableProcessors();
    Workload work = new Workload(
        Workload.randomNumbers(settings.count(), settings.seed(), settings.min(), settings.max()),
        settings.job(), settings.algorithm());
    List<Sweep.Point> points = Sweep.expand(settings.poolSizes(), settings.batchSizes(), settings.dispatches(),
        settings.count(), (count, pool) -> BatchPlan.autoBatchSize(OptionalLong.of(count), pool));

    stderr.printf(Locale.ROOT, "bench: %d points x %d repeats (%s, %s, %,d numbers, %d cores), warm-up %s; "
            + "each run = actor pool + ForkJoinPool + one thread%n",
        points.size(), settings.repeat(), settings.job().label(), settings.algorithm().name(), settings.count(), cores,
        human(settings.warmup()));
    stderr.flush();

    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "brigade", conf);
    CompletableFuture<Done> written = new CompletableFuture<>();
    ProgressBar bar = progressBar(points.size() * settings.repeat());
    try {
      BenchRunner runner = new BenchRunner(settings, work, points, new KitchenVariant(system, settings),
          listener(bar));
      // Ctrl-C: stop measuring, and hold the JVM's exit until what was measured is written.
      CoordinatedShutdown.get(system).addTask(
          CoordinatedShutdown.PhaseBeforeServiceUnbind(), "bench-write-results", () -> {
            runner.cancel();
            return written;
          });
      RuntimeException failure = null;
      try {
        runner.run();
      } catch (RuntimeException e) {
        failure = e; // write what was measured before it, then report the failure
      }
      if (bar != null) {
        bar.close();
        bar = null;
      }
      List<BenchRun> runs = runner.measured();
      BenchSummary summary = BenchSummary.of(settings, points, runs, cores, runner.cancelled() || failure != null);
      List<Path> files = BenchOutput.write(settings.out(), runs, summary);
      BenchReport.print(stdout, summary, files);
      if (failure != null) throw failure;
      return runner.cancelled() ? Main.EXIT_INTERRUPTED : Main.EXIT_OK;
    } finally {
      if (bar != null) bar.close();
      written.complete(Done.getInstance());
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** A progress bar on stderr, only when a person is watching a terminal. */
  private static ProgressBar progressBar(int runs) {
    if (System.console() == null) return null;
    return new ProgressBarBuilder()
        .setTaskName("bench")
        .setInitialMax(runs)
        .setStyle(ProgressBarStyle.ASCII)
        .setUnit(" runs", 1)
        .continuousUpdate()
        .build();
  }

  private static BenchRunner.Listener listener(ProgressBar bar) {
    return new BenchRunner.Listener() {
      @Override
      public void warmUpStarted(Duration warmup) {
        if (bar != null) bar.setExtraMessage("warming up " + human(warmup));
      }

      @Override
      public void warmUpDone(int rounds) {
        if (bar != null) bar.setExtraMessage("");
      }

      @Override
      public void measured(BenchRun run, int done, int total) {
        if (bar != null) {
          bar.stepTo(done);
          bar.setExtraMessage(String.format(Locale.ROOT, "p=%d b=%s %s: %.2fx", run.poolSize(),
              run.batchSetting(), run.dispatch(), run.speedup()));
        }
      }
    };
  }

  private static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
