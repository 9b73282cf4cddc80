package brigade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.LightArrayRevolverScheduler;
import akka.event.LoggingAdapter;
import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which scheduler tick each command's actor system starts with: runs of the prime kitchen tick at
 * brigade.primes.scheduler-tick (10 ms), the restaurant at conf's akka.scheduler.tick-duration (1 ms). Akka's own
 * scheduler, swapped for one that records the config it was built from.
 */
class SchedulerTickTest {
  /** Akka's default scheduler, remembering the tick of the last one built (the commands run one at a time here). */
  public static final class Recording extends LightArrayRevolverScheduler {
    static volatile Duration tick;

    public Recording(Config config, LoggingAdapter log, ThreadFactory threadFactory) {
      super(config, log, threadFactory);
      tick = config.getDuration("akka.scheduler.tick-duration");
    }
  }

  private static final String RECORDING = "-Dakka.scheduler.implementation=" + Recording.class.getName();

  private static Duration tickOf(String... args) {
    Recording.tick = null;
    CliRun r = CliRun.of(args);
    assertEquals(0, r.exitCode(), r.err());
    return Recording.tick;
  }

  @Test
  void primesRunsTickAtTheKitchensTickWhateverAkkasKeySays() {
    assertEquals(Duration.ofMillis(10), tickOf("primes", "check", "97", "--no-baseline", RECORDING));
    assertEquals(Duration.ofMillis(20), tickOf("primes", "check", "97", "--no-baseline", RECORDING,
        "-Dbrigade.primes.scheduler-tick=20ms", "-Dakka.scheduler.tick-duration=5ms"));
  }

  @Test
  void theBenchTicksAtTheKitchensTick(@TempDir Path dir) {
    assertEquals(Duration.ofMillis(10), tickOf("bench", "--random", "100", "--pool-sizes", "1", "--batch-sizes", "100",
        "--dispatch", "push", "--repeat", "1", "--warmup", "0s", "--out", dir.resolve("out").toString(), RECORDING));
  }

  @Test
  void theRestaurantKeepsItsOneMillisecondTick() {
    assertEquals(Duration.ofMillis(1), tickOf("restaurant", "--orders", "2", "--time-scale", "0.001", RECORDING));
  }
}
