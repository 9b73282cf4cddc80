package brigade.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import brigade.config.BrigadeConfig;
import brigade.testkit.BrigadeTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The measured session: the same work in every pass and round, or a mismatch reported; too-small jobs timed once. */
@BrigadeTestKit
class JobSessionTest {
  private static PrimesSettings settings(Map<String, Object> overrides) {
    return PrimesSettings.from(com.typesafe.config.ConfigFactory.parseMap(overrides)
        .withFallback(BrigadeConfig.defaults()));
  }

  private static JobSession session(ActorTestKit kit, PrimesSettings s, NumberSources.Input input,
      JobSession.Workers workers) {
    return session(kit, s, Job.FACTOR, input, workers, ResultSink.NONE);
  }

  private static JobSession session(ActorTestKit kit, PrimesSettings s, Job job, NumberSources.Input input,
      JobSession.Workers workers, ResultSink output) {
    return new JobSession(s, job, input, workers, output, JobSession.Progress.NONE, Duration.ofSeconds(5), 20,
        kit.system().dispatchers().lookup(akka.actor.typed.DispatcherSelector.blocking()));
  }

  @Test
  void everyPassOfEveryRoundComputesTheSameAndIsTimed(ActorTestKit kit) {
    try (PrimeKitchen kitchen = PrimeKitchen.open(kit.system(), 2)) {
      PrimesSettings s = settings(Map.of("brigade.primes.repeat", 3, "brigade.primes.warmup", "0s",
          "brigade.primes.baseline", "on"));
      JobSession.Outcome o = session(kit, s, NumberSources.random(3_000, 20_000, 100_000_000, 3),
          JobSession.Workers.kitchen(kitchen, FaultPlan.NONE)).run();
      assertEquals(Boolean.TRUE, o.agrees());
      assertEquals(3, o.poolMillis().size());
      assertEquals(3, o.forkJoinMillis().size());
      assertEquals(3, o.sequentialMillis().size());
      assertEquals(3_000, o.result().numbersAnswered());
      assertTrue(o.startupMillis() > 0);
      assertFalse(o.interrupted());
      assertNull(o.io(), "numbers drawn in memory are taken where they are needed: no I/O thread, no I/O time");
    }
  }

  @Test
  void numbersInMemoryWrittenToAnOutputHaveTheirWritingTimedAndNoReading(ActorTestKit kit) {
    try (PrimeKitchen kitchen = PrimeKitchen.open(kit.system(), 2)) {
      PrimesSettings s = settings(Map.of("brigade.primes.repeat", 1, "brigade.primes.warmup", "0s",
          "brigade.primes.baseline", "off"));
      AtomicInteger written = new AtomicInteger();
      ResultSink out = results -> written.addAndGet(results.size());
      JobSession.Outcome o = session(kit, s, Job.CHECK, NumberSources.random(3_000, 20_000, 100_000_000, 3),
          JobSession.Workers.kitchen(kitchen, FaultPlan.NONE), out).run();
      assertEquals(3_000, o.result().numbersAnswered());
      assertEquals(3_000, written.get());
      assertNull(o.io().inputMillis(), "drawn in memory: nothing read on the I/O dispatcher");
      assertTrue(o.io().outputMillis() > 0, "written behind on the I/O dispatcher, and timed: " + o.io());
    }
  }

  @Test
  void aFileIsReadAheadOnTheIoDispatcherAndItsReadingTimed(ActorTestKit kit, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("numbers.txt");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 3_000; i++) text.append(20_000 + 7L * i).append('\n');
    Files.writeString(file, text);
    try (PrimeKitchen kitchen = PrimeKitchen.open(kit.system(), 2)) {
      PrimesSettings s = settings(Map.of("brigade.primes.repeat", 2, "brigade.primes.warmup", "0s",
          "brigade.primes.baseline", "on"));
      JobSession.Outcome o = session(kit, s, NumberSources.file(file),
          JobSession.Workers.kitchen(kitchen, FaultPlan.NONE)).run();
      assertEquals(Boolean.TRUE, o.agrees());
      assertEquals(3_000, o.result().numbersAnswered());
      assertTrue(o.io().inputMillis() > 0, "read ahead on the I/O dispatcher, and timed: " + o.io());
      assertEquals(0.0, o.io().outputMillis(), "nothing written");
    }
  }

  @Test
  void aRoundThatComputesSomethingElseIsReportedAsAMismatch(ActorTestKit kit) {
    try (PrimeKitchen kitchen = PrimeKitchen.open(kit.system(), 2)) {
      JobSession.Workers honest = JobSession.Workers.kitchen(kitchen, FaultPlan.NONE);
      AtomicInteger runs = new AtomicInteger();
      // The second pool run loses its last batch's answers on the way to the sink: a bug the harness must catch.
      JobSession.Workers lossy = new JobSession.Workers() {
        @Override
        public JobRun start(JobSpec spec, NumberSource input, ResultSink sink, ProgressListener progress) {
          if (runs.incrementAndGet() != 2) return honest.start(spec, input, sink, progress);
          return honest.start(spec, input, results -> {
            if (results.firstIndex() + results.size() < 1_000) sink.accept(results);
          }, progress);
        }

        @Override
        public boolean local() {
          return true;
        }

        @Override
        public Duration startup() {
          return honest.startup();
        }
      };
      PrimesSettings s = settings(Map.of("brigade.primes.repeat", 3, "brigade.primes.warmup", "0s",
          "brigade.primes.baseline", "on", "brigade.primes.batch-size", 100));
      JobSession.Outcome o = session(kit, s, NumberSources.random(1_000, 20_000, 100_000_000, 3), lossy).run();
      assertEquals(Boolean.FALSE, o.agrees());
      assertEquals(1, o.poolMillis().size(), "the mismatching round is not quoted");
    }
  }

  @Test
  void aJobTooSmallToTimeIsTimedOnceWithNoWarmUp(ActorTestKit kit) {
    try (PrimeKitchen kitchen = PrimeKitchen.open(kit.system(), 2)) {
      PrimesSettings s = settings(Map.of("brigade.primes.baseline", "on"));
      JobSession.Outcome o = session(kit, s, NumberSources.of("two", 97, 1001),
          JobSession.Workers.kitchen(kitchen, FaultPlan.NONE)).run();
      assertEquals(1, o.poolMillis().size());
      assertNull(o.warmupMillis());
      assertEquals(Boolean.TRUE, o.agrees());
      assertTrue(o.estimatedSequentialMillis() < JobSession.TOO_SMALL.toMillis());
    }
  }

  @Test
  void theAutoBatchPlanOfAnInputIsTheSameOnEveryRun(ActorTestKit kit) {
    try (PrimeKitchen kitchen = PrimeKitchen.open(kit.system(), 2)) {
      // Big 63-bit numbers with fast: the input whose plan a timing of cold code once swung 4.5x between runs.
      PrimesSettings s = settings(Map.of("brigade.primes.baseline", "off", "brigade.primes.algorithm", "fast"));
      NumberSources.Input input = NumberSources.random(2_000, 1L << 62, Long.MAX_VALUE, 5);
      java.util.Set<String> plans = new java.util.HashSet<>();
      double estimate = 0;
      for (int run = 0; run < 3; run++) {
        JobSession.Outcome o = session(kit, s, input, JobSession.Workers.kitchen(kitchen, FaultPlan.NONE)).run();
        assertEquals(2_000, o.result().numbersAnswered());
        plans.add(o.spec().batchSize() + " x " + o.result().batches());
        estimate = o.estimatedSequentialMillis();
      }
      assertEquals(1, plans.size(), "one plan: " + plans);
      double perNumber = WorkEstimate.nanosPerNumber(FastAlgorithm.INSTANCE, Job.FACTOR, input.sample(64));
      assertEquals(perNumber * 2_000 / 1e6, estimate, 1e-6, "the estimate is the work model's, not a timing");
      assertEquals(BatchPlan.autoBatchSize(java.util.OptionalLong.of(2_000), 2, perNumber),
          Integer.parseInt(plans.iterator().next().split(" ")[0]));
    }
  }
}
