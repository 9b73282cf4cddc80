package brigade.bench;

/**
 * One measured round at one point: the actor pool, the ForkJoinPool and the sequential reference, run back
 * to back (in rotating order) on the same numbers. A row of results.csv.
 *
 * @param repeat which round, from 1
 * @param wallMillis the actor pool's wall time, from {@code PrimeKitchen.start} to its result
 * @param sequentialMillis the same numbers on one thread, no pool
 * @param forkJoinMillis the same batches on a {@code ForkJoinPool(poolSize)}
 * @param speedup sequentialMillis / wallMillis
 * @param actorOverForkJoin the actor pool's throughput relative to the ForkJoinPool's: forkJoinMillis /
 *     wallMillis (1.0 = as fast; 0.97 = 3% slower)
 * @param batchSetting "auto" or the number, as given to the sweep
 */
public record BenchRun(
    String job,
    String algorithm,
    String dispatch,
    int poolSize,
    int batchSize,
    int repeat,
    double wallMillis,
    double sequentialMillis,
    double forkJoinMillis,
    double speedup,
    double actorOverForkJoin,
    String batchSetting) {

  static BenchRun of(Workload work, Sweep.Point point, int repeat, long wallNanos, long seqNanos, long fjNanos) {
    return new BenchRun(
        work.job().label(),
        work.algorithm().name(),
        point.dispatch().label(),
        point.poolSize(),
        point.batchSize(),
        repeat,
        wallNanos / 1e6,
        seqNanos / 1e6,
        fjNanos / 1e6,
        (double) seqNanos / wallNanos,
        (double) fjNanos / wallNanos,
        point.batchSetting());
  }

  /** Whether this run measured {@code point}. */
  boolean isAt(Sweep.Point point) {
    return dispatch.equals(point.dispatch().label())
        && poolSize == point.poolSize()
        && batchSize == point.batchSize()
        && batchSetting.equals(point.batchSetting());
  }
}
