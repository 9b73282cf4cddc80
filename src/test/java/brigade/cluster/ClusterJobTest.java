package brigade.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import brigade.primes.Dispatch;
import brigade.primes.Job;
import brigade.primes.JobResult;
import brigade.primes.JobSpec;
import brigade.primes.NumberSource;
import brigade.primes.PrimeAlgorithm;
import brigade.primes.PrimeKitchen;
import brigade.primes.ProgressListener;
import brigade.primes.ResultBatch;
import brigade.primes.ResultSink;
import brigade.primes.WorkerSource;
import brigade.testkit.BrigadeTestKit;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import brigade.trace.TraceCheck;
import brigade.trace.Tracer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real prime job across three actor systems on 127.0.0.1: the test kit's system coordinates, two worker nodes
 * serve two prime workers each through the Receptionist. The results equal a local pool's, every number exactly
 * once; a worker node that goes away mid-job has its batches re-sent and nothing is lost.
 */
@BrigadeTestKit(config = TestCluster.KIT_CONFIG)
class ClusterJobTest {

  static long[] numbers(int count, long min, long max, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long[] n = new long[count];
    for (int i = 0; i < count; i++) n[i] = random.nextLong(min, max + 1);
    n[0] = 0;
    n[1] = 1;
    n[2] = 1099726899285419L;
    return n;
  }

  static NumberSource source(long[] numbers) {
    return NumberSource.of(numbers);
  }

  /** Collects "number,prime,factors" per input index; an index answered twice fails the test. */
  static final class Collect implements ResultSink {
    final TreeMap<Long, String> lines = new TreeMap<>();

    @Override
    public void accept(ResultBatch results) {
      results.forEach((index, number, prime, factors, offset, count) -> {
        String line = number + "," + prime + "," + Arrays.stream(factors, offset, offset + count)
            .mapToObj(Long::toString).collect(Collectors.joining(" "));
        if (lines.put(index, line) != null) throw new AssertionError("index " + index + " answered twice");
      });
    }

    List<String> inOrder(int expected) {
      assertEquals(expected, lines.size());
      assertEquals(0L, lines.firstKey());
      assertEquals(expected - 1L, lines.lastKey());
      return List.copyOf(lines.values());
    }
  }

  static JobSpec spec(int batchSize) {
    return new JobSpec(Job.FACTOR, PrimeAlgorithm.named("trial"), Dispatch.PULL, 2, batchSize, 8, 3, Duration.ofSeconds(60));
  }

  static JobResult await(java.util.concurrent.CompletionStage<JobResult> r) throws Exception {
    return r.toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  static ActorSystem<Void> workerNode(TestCluster cluster) {
    return cluster.start(Behaviors.setup(ctx ->
        WorkerNode.create(PrimeWorkers.KEY, 2, i -> PrimeWorkers.worker(), () -> {})), ClusterSettings.WORKER_ROLE);
  }

  static String hostPort(ActorSystem<?> s) {
    return s.address().getHost().get() + ":" + s.address().getPort().get();
  }

  @Test
  void aJobOnTwoWorkerNodesGivesTheLocalResults(ActorTestKit kit, @TempDir Path dir) throws Exception {
    long[] input = numbers(3000, 20_000, 100_000_000, 11);
    Collect local = new Collect();
    JobResult localResult = await(PrimeKitchen.start(kit.system(), spec(50), source(input), local, ProgressListener.NONE).result());

    try (TestCluster cluster = new TestCluster(kit)) {
      ActorSystem<Void> a = workerNode(cluster);
      ActorSystem<Void> b = workerNode(cluster);
      cluster.awaitUp(3);
      Collect remote = new Collect();
      ClusterJobLog log = new ClusterJobLog();
      WorkerSource workers = PrimeWorkers.clusterWorkers(4, log);
      // Traced: one trace shows every node, each remote worker on a track of its node's process.
      Path file = dir.resolve("cluster.json");
      Tracer tracer = Tracer.open(file, 1_000_000, "--trace");
      JobResult result = await(PrimeKitchen.start(kit.system(), spec(50), source(input), remote,
          ProgressListener.traced(ProgressListener.NONE, tracer), workers).result());
      tracer.close();
      TraceCheck trace = TraceCheck.of(file); // valid, fields per phase, no overlap on a track, counters >= 0
      assertTrue(trace.processNames().values().containsAll(Set.of("node " + hostPort(a), "node " + hostPort(b))),
          trace.processNames().toString());
      long remoteSlices = trace.slices().stream().filter(e -> e.get("name").asText().equals("batch")
          && trace.processNames().get(e.get("pid").asInt()).startsWith("node ")).count();
      assertEquals(result.batches() + result.retries(), remoteSlices);
      // Both nodes' clocks were placed against this one (one JVM: the same clock, so the estimate holds 0).
      assertTrue(trace.other("clock " + hostPort(a)).asText().startsWith("offset "), trace.root.toString());

      assertEquals(local.inOrder(input.length), remote.inOrder(input.length));
      assertEquals(input.length, result.numbersIn());
      assertEquals(input.length, result.numbersAnswered());
      assertEquals(0, result.numbersFailed());
      assertEquals(localResult.primes(), result.primes());
      assertEquals(localResult.factors(), result.factors());
      assertFalse(result.interrupted());
      // Every batch was computed on a worker node, and both nodes took part.
      assertEquals(Set.of(hostPort(a), hostPort(b)),
          result.workers().stream().map(JobResult.WorkerStats::node).collect(Collectors.toSet()));
      assertEquals(result.batches(), result.workers().stream().mapToLong(JobResult.WorkerStats::batches).sum());
      assertEquals(List.of(), log.lostNodes());
      assertEquals(Set.of(hostPort(a), hostPort(b)), log.workersByNode().keySet());
    }
  }

  @Test
  void aWorkerNodeLostMidJobHasItsBatchesResentAndNoNumberIsLost(ActorTestKit kit) throws Exception {
    // Numbers around 10^10 keep trial division busy long enough for a node to leave mid-job.
    long[] input = numbers(3000, 1_000_000_000L, 20_000_000_000L, 12);
    Collect local = new Collect();
    await(PrimeKitchen.start(kit.system(), spec(20), source(input), local, ProgressListener.NONE).result());

    try (TestCluster cluster = new TestCluster(kit)) {
      ActorSystem<Void> a = workerNode(cluster);
      ActorSystem<Void> b = workerNode(cluster);
      cluster.awaitUp(3);
      Collect remote = new Collect();
      ClusterJobLog log = new ClusterJobLog();
      AtomicBoolean stopped = new AtomicBoolean();
      // Once a tenth is answered, node b goes away; the coordinator waits for it to be gone (this blocks the
      // coordinator on purpose, so b surely leaves while it holds batches).
      ProgressListener stopB = new ProgressListener() {
        @Override
        public void answered(long n) {
          if (n >= input.length / 10 && stopped.compareAndSet(false, true)) {
            b.terminate();
            b.getWhenTerminated().toCompletableFuture().join();
          }
        }

        @Override
        public void workerLost(String workerName, String node, int batchesResent) {
          log.workerLost(node, batchesResent);
        }
      };
      JobResult result = await(PrimeKitchen.start(kit.system(), spec(20), source(input), remote, stopB,
          PrimeWorkers.clusterWorkers(4, log)).result());

      assertTrue(stopped.get());
      assertEquals(local.inOrder(input.length), remote.inOrder(input.length));
      assertEquals(input.length, result.numbersAnswered());
      assertEquals(0, result.numbersFailed());
      assertTrue(result.retries() >= 1, "b's batches were re-sent: " + result.retries());
      assertEquals(List.of(new ClusterJobLog.LostNode(hostPort(b), 2, "left the cluster", (int) result.retries())),
          log.lostNodes());
      assertTrue(a.whenTerminated().value().isEmpty());
    }
  }
}
