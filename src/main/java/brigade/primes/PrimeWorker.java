package brigade.primes;

import akka.actor.Address;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.Props;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.receptionist.Receptionist;
import akka.actor.typed.receptionist.ServiceKey;
import brigade.CborSerializable;
import brigade.trace.Jfr;
import brigade.trace.JfrBatchComputed;
import brigade.trace.TraceClock;

/**
 * A prime worker: receives a batch, computes it with the named algorithm ({@link BatchCompute}, pure code
 * outside the actor), and replies with the batch's results, its own measured busy time, name and node.
 *
 * <p>A batch that throws (a bug, an unsupported algorithm, an injected {@link FaultPlan} fault) is answered
 * with {@link Failed} and the exception is rethrown, so that the supervisor restarts the worker: run it
 * through {@link #supervised} (a {@link WorkerPool} does). Workers belong on the {@value #DISPATCHER}, never on the
 * default dispatcher: spawn them with {@link #props()}.
 *
 * <p>Every message is a record of primitive arrays, strings and actor refs marked {@link CborSerializable}, so
 * workers may live on other cluster nodes.
 */
public final class PrimeWorker {
  /** Config path of the dispatcher the CPU-bound workers run on (sized to the cores). */
  public static final String DISPATCHER = "brigade.primes.worker-dispatcher";

  private PrimeWorker() {}

  public sealed interface Command extends CborSerializable permits Compute, CheckRange {}

  /**
   * Compute one batch and reply to {@code replyTo}.
   *
   * @param algorithm the algorithm's name ({@link PrimeAlgorithm#named}), so the message crosses the network
   * @param injectFault throw instead of computing (the job's {@link FaultPlan} decided so when it sent the batch):
   *     a job's faults travel with its messages, so workers shared by many jobs fail only for the job that asked
   */
  public record Compute(
      long batchId, Job job, String algorithm, long[] numbers, ActorRef<Reply> replyTo, boolean injectFault)
      implements Command {
    /** A batch to compute, with no fault injected. */
    public Compute(long batchId, Job job, String algorithm, long[] numbers, ActorRef<Reply> replyTo) {
      this(batchId, job, algorithm, numbers, replyTo, false);
    }
  }

  /**
   * Look for a divisor of {@code n} among the odd d in [{@code from}, {@code to}] by trial division: one part of a
   * number too heavy for one worker, split across several ({@link DivisorRanges}). Answered with
   * {@link RangeChecked}.
   *
   * @param part which of the number's ranges this is (from 0)
   * @param injectFault throw instead of computing (see {@link Compute})
   */
  public record CheckRange(long batchId, int part, long n, long from, long to, ActorRef<Reply> replyTo,
      boolean injectFault) implements Command {}

  /** What a worker answers for a batch; names the worker, so a pulling coordinator can give it more work. */
  public sealed interface Reply extends CborSerializable permits Computed, Failed, RangeChecked {
    long batchId();

    /** Which part of the batch this answers: 0 for a whole batch, the range's index for a {@link CheckRange}. */
    int part();

    ActorRef<Command> worker();

    /** The worker's actor name. */
    String workerName();

    /** "local", or host:port of the cluster node the worker lives on. */
    String node();
  }

  /**
   * A batch's results. CHECK: {@code prime[i]} for {@code numbers[i]}, {@code factors} and
   * {@code factorCounts} empty. FACTOR: number i's factors are the next {@code factorCounts[i]} entries of
   * {@code factors} (ascending, with multiplicity), {@code prime} empty (n is prime iff its only factor is n).
   *
   * @param busyNanos time the worker spent computing this batch
   * @param thread the dispatcher thread that computed it ("" when not known)
   * @param startMicros when the worker started it, microseconds since the epoch on the worker's clock (0: not known);
   *     with {@code busyNanos}, the span the trace draws on the worker's track (see {@link brigade.trace.NodeClock})
   */
  public record Computed(
      long batchId,
      ActorRef<Command> worker,
      String workerName,
      String node,
      long busyNanos,
      boolean[] prime,
      long[] factors,
      int[] factorCounts,
      String thread,
      long startMicros)
      implements Reply {
    @Override
    public int part() {
      return 0;
    }

    /** A batch's results, with no thread named. */
    public Computed(long batchId, ActorRef<Command> worker, String workerName, String node, long busyNanos,
        boolean[] prime, long[] factors, int[] factorCounts) {
      this(batchId, worker, workerName, node, busyNanos, prime, factors, factorCounts, "", 0);
    }

    /** A batch's results, with no start time. */
    public Computed(long batchId, ActorRef<Command> worker, String workerName, String node, long busyNanos,
        boolean[] prime, long[] factors, int[] factorCounts, String thread) {
      this(batchId, worker, workerName, node, busyNanos, prime, factors, factorCounts, thread, 0);
    }
  }

  /**
   * A range's answer: the smallest divisor of the number in the range, or 0 if it has none there.
   *
   * @param busyNanos time the worker spent on the range
   * @param startMicros when it started, as in {@link Computed}
   */
  public record RangeChecked(long batchId, int part, ActorRef<Command> worker, String workerName, String node,
      long busyNanos, long divisor, String thread, long startMicros) implements Reply {
    /** A range's answer with no start time. */
    public RangeChecked(long batchId, int part, ActorRef<Command> worker, String workerName, String node,
        long busyNanos, long divisor, String thread) {
      this(batchId, part, worker, workerName, node, busyNanos, divisor, thread, 0);
    }
  }

  /**
   * The batch (or one of its ranges) threw; the worker is being restarted by its supervisor.
   *
   * @param busyNanos time spent before it threw
   * @param startMicros when it started, as in {@link Computed}
   * @param thread the dispatcher thread it ran on ("" when not known)
   */
  public record Failed(long batchId, ActorRef<Command> worker, String workerName, String node, String error, int part,
      long busyNanos, long startMicros, String thread) implements Reply {
    /** A whole batch failed. */
    public Failed(long batchId, ActorRef<Command> worker, String workerName, String node, String error) {
      this(batchId, worker, workerName, node, error, 0);
    }

    /** A batch or range failed, with no timing. */
    public Failed(long batchId, ActorRef<Command> worker, String workerName, String node, String error, int part) {
      this(batchId, worker, workerName, node, error, part, 0, 0, "");
    }
  }

  /** Thrown by a worker when its {@link FaultPlan} says so. */
  public static final class InjectedFault extends RuntimeException {
    public InjectedFault(long batchId) {
      super("injected fault in batch " + batchId);
    }
  }

  /** A bare worker that never fails on purpose (supervise it: see {@link #supervised}). */
  public static Behavior<Command> create() {
    return create(FaultPlan.NONE);
  }

  /** A bare worker that throws whenever {@code faults} says so. */
  public static Behavior<Command> create(FaultPlan faults) {
    return Behaviors.setup(ctx -> {
      ActorRef<Command> self = ctx.getSelf();
      String name = self.path().name();
      String node = nodeOf(ctx);
      return Behaviors.receive(Command.class)
          .onMessage(Compute.class, c -> compute(ctx, c, faults, self, name, node))
          .onMessage(CheckRange.class, r -> checkRange(ctx, r, self, name, node))
          .build();
    });
  }

  /** A worker restarted by its supervisor whenever a batch throws (the worker logs the failure itself). */
  public static Behavior<Command> supervised(FaultPlan faults) {
    return Behaviors.supervise(create(faults))
        .onFailure(RuntimeException.class, SupervisorStrategy.restart().withLoggingEnabled(false));
  }

  /** The receptionist key Brigade's worker nodes register their workers under. */
  public static final ServiceKey<Command> SERVICE_KEY = ServiceKey.create(Command.class, "prime-worker");

  /**
   * {@code count} supervised workers on the worker dispatcher, each registered with the receptionist under
   * {@code key} (for {@link WorkerSource#receptionist}), as children of the returned actor: stop it to take
   * them all away. Named {@code worker-1..count}.
   */
  public static Behavior<Void> registered(int count, ServiceKey<Command> key, FaultPlan faults) {
    if (count < 1) throw new IllegalArgumentException("count must be >= 1, was " + count);
    return Behaviors.setup(ctx -> {
      for (int i = 1; i <= count; i++) {
        ActorRef<Command> worker = ctx.spawn(supervised(faults), "worker-" + i, props());
        ctx.getSystem().receptionist().tell(Receptionist.register(key, worker));
      }
      return Behaviors.empty();
    });
  }

  /** Props placing a worker on the {@value #DISPATCHER}. */
  public static Props props() {
    return DispatcherSelector.fromConfig(DISPATCHER);
  }

  private static Behavior<Command> compute(
      ActorContext<Command> ctx, Compute c, FaultPlan faults, ActorRef<Command> self, String name, String node) {
    long start = System.nanoTime();
    JfrBatchComputed jfr = Jfr.started() ? new JfrBatchComputed() : null;
    if (jfr != null) jfr.begin();
    try {
      if (c.injectFault() || faults.failsOn(name, c.batchId(), c.numbers())) throw new InjectedFault(c.batchId());
      PrimeAlgorithm algorithm = PrimeAlgorithm.named(c.algorithm());
      boolean[] prime = NO_BOOLEANS;
      long[] factors = NO_LONGS;
      int[] counts = NO_INTS;
      if (c.job() == Job.CHECK) {
        prime = BatchCompute.check(algorithm, c.numbers());
      } else {
        counts = new int[c.numbers().length];
        factors = BatchCompute.factor(algorithm, c.numbers(), counts);
      }
      long busy = Math.max(1, System.nanoTime() - start);
      commit(jfr, name, c.batchId(), 0, c.numbers().length, false);
      c.replyTo().tell(new Computed(c.batchId(), self, name, node, busy, prime, factors, counts,
          Thread.currentThread().getName(), TraceClock.epochMicros(start)));
      return Behaviors.same();
    } catch (RuntimeException e) {
      String error = e.getClass().getSimpleName() + ": " + e.getMessage();
      ctx.getLog().warn("batch {} of {} numbers failed: {}; restarting", c.batchId(), c.numbers().length, error);
      commit(jfr, name, c.batchId(), 0, c.numbers().length, true);
      c.replyTo().tell(new Failed(c.batchId(), self, name, node, error, 0, Math.max(1, System.nanoTime() - start),
          TraceClock.epochMicros(start), Thread.currentThread().getName()));
      throw e;
    }
  }

  private static Behavior<Command> checkRange(
      ActorContext<Command> ctx, CheckRange r, ActorRef<Command> self, String name, String node) {
    long start = System.nanoTime();
    JfrBatchComputed jfr = Jfr.started() ? new JfrBatchComputed() : null;
    if (jfr != null) jfr.begin();
    try {
      if (r.injectFault()) throw new InjectedFault(r.batchId());
      long divisor = TrialDivision.smallestOddDivisor(r.n(), r.from(), r.to());
      long busy = Math.max(1, System.nanoTime() - start);
      commit(jfr, name, r.batchId(), r.part(), 1, false);
      r.replyTo().tell(new RangeChecked(r.batchId(), r.part(), self, name, node, busy, divisor,
          Thread.currentThread().getName(), TraceClock.epochMicros(start)));
      return Behaviors.same();
    } catch (RuntimeException e) {
      String error = e.getClass().getSimpleName() + ": " + e.getMessage();
      ctx.getLog().warn("range {} of batch {} failed: {}; restarting", r.part(), r.batchId(), error);
      commit(jfr, name, r.batchId(), r.part(), 1, true);
      r.replyTo().tell(new Failed(r.batchId(), self, name, node, error, r.part(), Math.max(1, System.nanoTime() - start),
          TraceClock.epochMicros(start), Thread.currentThread().getName()));
      throw e;
    }
  }

  /**
   * Commits the JFR event of one batch or range, if a recording wants it (nothing is filled in otherwise; null: no
   * recorder has started).
   */
  private static void commit(JfrBatchComputed jfr, String worker, long batchId, int part, int numbers, boolean failed) {
    if (jfr == null || !jfr.shouldCommit()) return;
    jfr.worker = worker;
    jfr.batchId = batchId;
    jfr.part = part;
    jfr.numbers = numbers;
    jfr.failed = failed;
    jfr.commit();
  }

  /** "local" in a plain actor system, host:port in a cluster. */
  static String nodeOf(ActorContext<?> ctx) {
    return nodeOf(ctx.getSystem().address());
  }

  static String nodeOf(Address address) {
    return address.getHost().isPresent() ? address.getHost().get() + ":" + address.getPort().get() : "local";
  }

  private static final boolean[] NO_BOOLEANS = new boolean[0];
  private static final long[] NO_LONGS = new long[0];
  private static final int[] NO_INTS = new int[0];
}
