package brigade.primes;

import static brigade.primes.Jobs.assertBalanced;
import static brigade.primes.Jobs.assertInOrderOnce;
import static brigade.primes.Jobs.await;
import static brigade.primes.Jobs.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.typed.ActorRef;
import brigade.primes.FakeWorkers.Delivery;
import brigade.testkit.BrigadeTestKit;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Batch timeouts, on ManualTime: a batch with no reply within the timeout is re-sent, and given up eventually. */
@BrigadeTestKit(manualTime = true, config = "akka.actor.testkit.typed.single-expect-default = 20s")
class JobCoordinatorTimeoutTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Test
  void batchesOfASilentWorkerAreResentAndALateReplyIsCountedOnce(ActorTestKit kit, ManualTime time) {
    FakeWorkers fw = new FakeWorkers(kit);
    ArraySource input = ArraySource.range(90_000, 8);
    Recorder sink = new Recorder();
    JobRun run = PrimeKitchen.start(kit.system(), spec(Job.FACTOR, Dispatch.PULL, 1, 2, 100, 3, TIMEOUT),
        input, sink, ProgressListener.NONE, fw.source(2));
    List<ActorRef<PrimeWorker.Command>> ab = fw.connected().add("silent", "busy");
    ActorRef<PrimeWorker.Command> silent = ab.get(0);
    Map<Boolean, List<Delivery>> first =
        fw.next(4).stream().collect(Collectors.partitioningBy(d -> d.worker().equals(silent)));
    List<Delivery> ofSilent = first.get(true);
    assertEquals(2, ofSilent.size());
    for (Delivery d : first.get(false)) d.answer();
    fw.expectNothing(); // everything is read; the silent worker's batches are not due yet

    time.timePasses(TIMEOUT);
    List<Delivery> resent = fw.next(2);
    assertTrue(resent.stream().noneMatch(d -> d.worker().equals(silent)), "a silent worker's credit stays used");
    resent.sort(Comparator.comparingLong(Delivery::id));
    ofSilent.sort(Comparator.comparingLong(Delivery::id));
    ofSilent.get(0).answer(); // late, but first: accepted
    resent.get(0).answer(); // the duplicate: ignored
    resent.get(1).answer();

    JobResult r = await(run);
    assertEquals(Recorder.expected(Job.FACTOR, input.numbers()), sink.lines());
    assertInOrderOnce(sink, 8);
    assertEquals(8, r.numbersAnswered());
    assertEquals(4, r.batches());
    assertEquals(2, r.retries());
    assertEquals(8, r.workers().stream().mapToLong(JobResult.WorkerStats::numbers).sum(), "counted once");
    assertBalanced(r);
  }

  @Test
  void aBatchThatNeverGetsAnAnswerFailsAfterMaxRetries(ActorTestKit kit, ManualTime time) {
    FakeWorkers fw = new FakeWorkers(kit);
    ArraySource input = ArraySource.range(5, 4);
    Recorder sink = new Recorder();
    JobRun run = PrimeKitchen.start(kit.system(), spec(Job.CHECK, Dispatch.PULL, 1, 2, 100, 1, TIMEOUT),
        input, sink, ProgressListener.NONE, fw.source(1));
    fw.connected().add("a", "b", "c");
    List<Delivery> out = fw.next(2);
    out.sort(Comparator.comparingLong(Delivery::id));
    out.get(1).answer();
    time.timePasses(TIMEOUT); // batch 0 times out: re-sent once (maxRetries = 1)
    Delivery again = fw.next();
    assertEquals(0, again.id());
    time.timePasses(TIMEOUT); // and again: given up
    JobResult r = await(run);
    assertEquals(1, r.failedBatches().size());
    assertTrue(r.failedBatches().get(0).error().startsWith("no reply within"), r.failedBatches().get(0).error());
    assertEquals(2, r.numbersFailed());
    assertEquals(2, r.numbersAnswered());
    assertEquals(1, r.retries());
    assertInOrderOnce(sink, 4);
    assertBalanced(r);
  }

  @Test
  void cancelDoesNotWaitForeverForASilentWorker(ActorTestKit kit, ManualTime time) {
    FakeWorkers fw = new FakeWorkers(kit);
    Recorder sink = new Recorder();
    JobRun run = PrimeKitchen.start(kit.system(), spec(Job.CHECK, Dispatch.PULL, 1, 2, 100, 3, TIMEOUT),
        ArraySource.range(5, 100), sink, ProgressListener.NONE, fw.source(1));
    fw.connected().add("a");
    List<Delivery> out = fw.next(2);
    out.sort(Comparator.comparingLong(Delivery::id));
    run.cancel();
    out.get(0).answer();
    time.timePasses(TIMEOUT); // batch 1 is dropped instead of re-sent
    JobResult r = await(run);
    assertTrue(r.interrupted());
    assertEquals(2, r.numbersAnswered());
    assertEquals(4, r.numbersIn());
    assertInOrderOnce(sink, 2);
    fw.expectNothing();
  }
}
