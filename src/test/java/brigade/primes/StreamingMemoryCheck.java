package brigade.primes;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import brigade.config.BrigadeConfig;
import java.time.Duration;

/**
 * Run in a JVM with a small heap by {@link StreamingMemoryIT}: checks 1..N through a pool of 2 with auto batch
 * size and window, and prints "answered primes" on stdout. Streams or dies of OutOfMemoryError.
 */
public final class StreamingMemoryCheck {
  public static void main(String[] args) throws Exception {
    long count = Long.parseLong(args[0]);
    Dispatch dispatch = Dispatch.valueOf(args[1]);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "memory", BrigadeConfig.defaults().resolve());
    try {
      NumberSource numbers = NumberSources.range(1, count).open(); // generated on the fly, nothing held
      long[] written = {0};
      ResultSink sink = results -> {
        if (results.firstIndex() != written[0]) throw new IllegalStateException("out of order at " + written[0]);
        written[0] += results.size();
      };
      JobSpec spec = new JobSpec(Job.CHECK, TrialDivision.INSTANCE, dispatch, 2,
          BatchPlan.autoBatchSize(numbers.size(), 2), BatchPlan.autoWindow(2), 3, Duration.ofMinutes(5));
      JobResult r = PrimeKitchen.start(system, spec, numbers, sink, ProgressListener.NONE)
          .result().toCompletableFuture().get();
      System.out.println(r.numbersAnswered() + " " + r.primes());
    } finally {
      system.terminate();
    }
  }
}
