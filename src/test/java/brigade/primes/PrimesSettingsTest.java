package brigade.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import brigade.UserError;
import brigade.config.BrigadeConfig;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PrimesSettingsTest {
  private static Config with(String hocon) {
    return ConfigFactory.parseString(hocon).withFallback(BrigadeConfig.defaults());
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    PrimesSettings s = PrimesSettings.from(BrigadeConfig.defaults());
    assertEquals(Runtime.getRuntime().availableProcessors(), s.poolSize());
    assertEquals(PrimesSettings.AUTO, s.batchSize());
    assertEquals(PrimesSettings.AUTO, s.window());
    assertEquals(Dispatch.PUSH, s.dispatch());
    assertEquals("trial", s.algorithm());
    assertEquals(3, s.maxRetries());
    assertEquals(Duration.ofSeconds(60), s.batchTimeout());
    assertEquals(PrimesSettings.Baseline.AUTO, s.baseline());
    assertEquals(PrimesSettings.AUTO, s.repeat());
    assertEquals(10_000, s.randomCount());
    assertEquals(20_000, s.randomMin());
    assertEquals(100_000_000, s.randomMax());
    assertEquals(ResultOrder.INPUT, s.order());
    assertEquals(ResultOrder.INPUT, s.resolve(Job.CHECK, java.util.OptionalLong.of(10), 0).order());
  }

  @Test
  void aKitchensActorSystemTicksAtTheKitchensTickNotTheRestaurants() {
    String akkaTick = "akka.scheduler.tick-duration";
    assertEquals(Duration.ofMillis(1), BrigadeConfig.defaults().getDuration(akkaTick), "the restaurant's, in conf");
    Config kitchen = PrimesSettings.kitchenSystemConfig(BrigadeConfig.defaults());
    assertEquals(Duration.ofMillis(10), kitchen.getDuration(akkaTick));
    assertEquals(BrigadeConfig.defaults().getConfig("brigade"), kitchen.getConfig("brigade"), "nothing else changes");
    Config given = with("brigade.primes.scheduler-tick = 20ms\nakka.scheduler.tick-duration = 5ms");
    assertEquals(Duration.ofMillis(20), PrimesSettings.kitchenSystemConfig(given).getDuration(akkaTick),
        "the kitchen's setting wins over Akka's key");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "scheduler-tick = 0ms     | brigade.primes.scheduler-tick = '0ms'    | a duration of whole milliseconds from 1ms to 1s such as 10ms",
    "scheduler-tick = 999us   | brigade.primes.scheduler-tick = '999us'  | from 1ms to 1s",
    "scheduler-tick = 2500us  | brigade.primes.scheduler-tick = '2500us' | whole milliseconds",
    "scheduler-tick = 1001ms  | brigade.primes.scheduler-tick = '1001ms' | from 1ms to 1s",
    "scheduler-tick = 10      | brigade.primes.scheduler-tick = 10       | (a bare number has no unit)",
  })
  void aBadSchedulerTickIsOneLine(String setting, String named, String allowed) {
    UserError e = assertThrows(UserError.class,
        () -> PrimesSettings.kitchenSystemConfig(with("brigade.primes." + setting)));
    String m = e.getMessage();
    assertTrue(m.contains(named), m);
    assertTrue(m.contains(allowed), m);
    assertEquals(1, m.lines().count(), m);
  }

  @Test
  void completionOrderIsReadAndReachesTheJob() {
    PrimesSettings s = PrimesSettings.from(with("brigade.primes.order = completion"));
    assertEquals(ResultOrder.COMPLETION, s.order());
    assertEquals(ResultOrder.COMPLETION, s.resolve(Job.FACTOR, java.util.OptionalLong.empty(), 0).order());
  }

  @Test
  void explicitValuesAreRead() {
    PrimesSettings s = PrimesSettings.from(with("brigade.primes { pool-size = 4, batch-size = 256, window = 3,"
        + " dispatch = PULL, algorithm = fast, max-retries = 0, batch-timeout = 250ms, baseline = off,"
        + " random-count = 5, random-min = 0, random-max = 9223372036854775807, seed = -3 }"));
    assertEquals(4, s.poolSize());
    assertEquals(256, s.batchSize());
    assertEquals(3, s.window());
    assertEquals(Dispatch.PULL, s.dispatch());
    assertEquals("fast", s.algorithm());
    assertEquals(0, s.maxRetries());
    assertEquals(Duration.ofMillis(250), s.batchTimeout());
    assertEquals(PrimesSettings.Baseline.OFF, s.baseline());
    assertEquals(Long.MAX_VALUE, s.randomMax());
    assertEquals(-3, s.seed());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "pool-size = 0            | brigade.primes.pool-size = 0        | from 1 to 1024",
    "pool-size = 1025         | brigade.primes.pool-size = 1025     | from 1 to 1024",
    "pool-size = many         | brigade.primes.pool-size = 'many'   | or \"auto\"",
    "batch-size = 0           | brigade.primes.batch-size = 0       | from 1 to 1000000",
    "batch-size = 1000001     | brigade.primes.batch-size = 1000001 | from 1 to 1000000",
    "window = 0               | brigade.primes.window = 0           | >= 1",
    "dispatch = shove         | brigade.primes.dispatch = 'shove'   | one of pull, push",
    "order = random           | brigade.primes.order = 'random'     | one of completion, input",
    "algorithm = sieve        | brigade.primes.algorithm = 'sieve'  | one of fast, trial",
    "max-retries = -1         | brigade.primes.max-retries = -1     | >= 0",
    "batch-timeout = 0s       | brigade.primes.batch-timeout = '0s' | a duration > 0",
    "baseline = sometimes     | brigade.primes.baseline = 'sometimes' | auto",
    "warmup = -1s             | brigade.primes.warmup = '-1s'       | \"auto\" or a duration >= 0",
    "warmup = soon            | brigade.primes.warmup = 'soon'      | \"auto\" or a duration >= 0",
    "repeat = 0               | brigade.primes.repeat = 0           | from 1 to 1000",
    "repeat = 1001            | brigade.primes.repeat = 1001        | from 1 to 1000",
    "repeat = often           | brigade.primes.repeat = 'often'     | or \"auto\"",
    "random-min = -1          | brigade.primes.random-min = -1      | >= 0",
    "random-max = 9223372036854775808 | brigade.primes.random-max   | ",
    "random-count = 0         | brigade.primes.random-count = 0     | >= 1",
  })
  void badValuesGiveOneLineNamingKeyValueOriginAndAllowed(String setting, String named, String allowed) {
    UserError e = assertThrows(UserError.class, () -> PrimesSettings.from(with("brigade.primes." + setting)));
    String m = e.getMessage();
    assertTrue(m.contains(named), m);
    if (allowed != null) assertTrue(m.contains(allowed), m);
    assertTrue(m.contains("from String"), m); // the origin of the value
    assertEquals(1, m.lines().count(), m);
  }

  @Test
  void randomMinAboveMaxIsRejected() {
    UserError e = assertThrows(UserError.class,
        () -> PrimesSettings.from(with("brigade.primes { random-min = 10, random-max = 9 }")));
    assertTrue(e.getMessage().contains("random-min <= random-max"), e.getMessage());
  }

  @Test
  void baselineAcceptsOnOffAutoAndBooleans() {
    assertEquals(PrimesSettings.Baseline.ON, PrimesSettings.from(with("brigade.primes.baseline = on")).baseline());
    assertEquals(PrimesSettings.Baseline.OFF, PrimesSettings.from(with("brigade.primes.baseline = false")).baseline());
    assertEquals(PrimesSettings.Baseline.AUTO, PrimesSettings.from(with("brigade.primes.baseline = auto")).baseline());
  }

  @Test
  void warmupIsADurationOrAutoScaledToTheJob() {
    PrimesSettings auto = PrimesSettings.from(with("brigade.primes.warmup = auto"));
    assertEquals(Duration.ofSeconds(1), auto.warmupFor(20_000_000L)); // a 20 ms job still warms up 1 s
    assertEquals(Duration.ofMillis(2200), auto.warmupFor(2_200_000_000L));
    assertEquals(Duration.ofSeconds(5), auto.warmupFor(60_000_000_000L));
    PrimesSettings fixed = PrimesSettings.from(with("brigade.primes.warmup = 300ms"));
    assertEquals(Duration.ofMillis(300), fixed.warmupFor(60_000_000_000L));
    assertEquals(Duration.ZERO, PrimesSettings.from(with("brigade.primes.warmup = 0s")).warmupFor(1));
  }

  @Test
  void repeatAutoTimesShortJobsSeveralTimesAndLongOnesOnce() {
    PrimesSettings auto = PrimesSettings.from(with("brigade.primes.repeat = auto"));
    long ms = 1_000_000L;
    assertEquals(15, auto.roundsFor(45 * ms, true)); // the 10,000-number seed job: capped at 15
    assertEquals(12, auto.roundsFor(175 * ms, true)); // 1 + 11 more rounds in the 2 s budget
    assertEquals(9, auto.roundsFor(240 * ms, true)); // the six reference numbers: 1 + 8 more
    assertEquals(3, auto.roundsFor(700 * ms, true)); // twice the first round's time: a median of three
    assertEquals(3, auto.roundsFor(3_400 * ms, true)); // a million trial factorisations
    assertEquals(2, auto.roundsFor(6_000 * ms, true)); // 10 s at most for the later rounds
    assertEquals(1, auto.roundsFor(12_000 * ms, true)); // a long job: timed once
    assertEquals(1, auto.roundsFor(45 * ms, false)); // no baseline, nothing to compare: once
    PrimesSettings faulty = PrimesSettings.from(with("brigade.primes { repeat = auto, fault-rate = 0.1 }"));
    assertEquals(1, faulty.roundsFor(45 * ms, true)); // a supervision demo, not a measurement
    PrimesSettings three = PrimesSettings.from(with("brigade.primes.repeat = 3"));
    assertEquals(3, three.roundsFor(3_400 * ms, true));
    assertEquals(3, three.roundsFor(45 * ms, false));
  }

  @Test
  void autoBatchSizeGivesEveryWorkerSeveralBatches() {
    // Six heavy numbers on two workers: six batches of one, never one batch of six.
    assertEquals(1, BatchPlan.autoBatchSize(OptionalLong.of(6), 2, 0));
    assertEquals(625, BatchPlan.autoBatchSize(OptionalLong.of(10_000), 2, 5_000));
    assertEquals(BatchPlan.MAX_AUTO_BATCH, BatchPlan.autoBatchSize(OptionalLong.of(10_000_000), 2, 100));
    // Heavy numbers: batches of about 50 ms of work, whatever the count.
    assertEquals(50, BatchPlan.autoBatchSize(OptionalLong.of(10_000_000), 2, 1_000_000));
    assertEquals(1, BatchPlan.autoBatchSize(OptionalLong.of(10_000_000), 2, 5e9));
    assertEquals(BatchPlan.UNKNOWN_SIZE_BATCH, BatchPlan.autoBatchSize(OptionalLong.empty(), 2, 0));
    assertEquals(20, BatchPlan.autoBatchSize(OptionalLong.empty(), 2, 2_500_000));
    // The resolved spec takes the measured cost into account.
    assertEquals(50, PrimesSettings.from(with("brigade.primes.pool-size = 2")).resolve(Job.FACTOR, OptionalLong.of(1_000_000), 1e6)
        .batchSize());
    PrimesSettings s = PrimesSettings.from(with("brigade.primes { pool-size = 3 }"));
    JobSpec spec = s.resolve(Job.CHECK, OptionalLong.of(6), 0);
    assertEquals(1, spec.batchSize());
    assertEquals(12, spec.window());
    assertEquals(3, spec.poolSize());
    // A fixed batch size is used as given.
    assertEquals(7, PrimesSettings.from(with("brigade.primes.batch-size = 7")).resolve(Job.CHECK, OptionalLong.of(6), 1e9)
        .batchSize());
  }
}
