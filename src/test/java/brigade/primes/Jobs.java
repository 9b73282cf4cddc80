package brigade.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Shared helpers for the job tests. */
final class Jobs {
  private Jobs() {}

  static JobSpec spec(Job job, Dispatch dispatch, int poolSize, int batchSize, int window, int maxRetries,
      Duration batchTimeout) {
    return new JobSpec(job, TrialDivision.INSTANCE, dispatch, poolSize, batchSize, window, maxRetries, batchTimeout);
  }

  static JobResult await(JobRun run) {
    return await(run.result());
  }

  static JobResult await(CompletionStage<JobResult> result) {
    try {
      return result.toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("job did not complete", e);
    }
  }

  /** The sink saw indices 0..n-1 once each, in order. */
  static void assertInOrderOnce(Recorder sink, long n) {
    List<Long> indices = sink.indices;
    assertEquals(n, indices.size(), "indices handed to the sink");
    assertEquals(indices.size(), new HashSet<>(indices).size(), "an index was handed over twice");
    for (int i = 0; i < indices.size(); i++) assertEquals(i, indices.get(i), "index at position " + i);
  }

  /** No number lost or counted twice. */
  static void assertBalanced(JobResult r) {
    assertEquals(r.numbersIn(), r.numbersAnswered() + r.numbersFailed(), "numbersIn = answered + failed: " + r);
  }
}
