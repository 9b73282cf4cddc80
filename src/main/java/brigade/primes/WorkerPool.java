package brigade.primes;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Routers;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.actor.typed.receptionist.Receptionist;
import akka.actor.typed.receptionist.ServiceKey;
import brigade.trace.Tracer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The prime kitchen's pool: one actor that owns {@code size} named, supervised prime workers
 * ({@code worker-1..size}, on the {@value PrimeWorker#DISPATCHER}) and a round-robin router over them, and lends
 * both to every job that asks, for as long as it lives. Jobs come and go (a coordinator each, the shape of the
 * cluster sample's stats service: a long-lived service actor owns the router, a cheap per-request actor
 * aggregates; a kitchen keeps its coordinators and hands each to the next job); the workers stay, so the warm-up, every timed round and every later job run on the same,
 * already-started, already-compiled workers.
 *
 * <p>The router is a group router ({@code Routers.group}) over the pool's own workers, registered under a key of
 * this pool's with the receptionist: {@code Routers.pool} cannot name its routees, and a worker is called the
 * same ({@code worker-N}) whether a job pushes through the router or pulls. A worker that throws is restarted by
 * its supervisor and keeps its ref, so a crash in one job leaves the pool whole for the next.
 *
 * <p>Phases: {@code starting} (workers spawned and registered; the router is probed with empty batches until
 * every worker has answered through it, so the first job's batches are never dropped by a router that has not
 * yet seen its routees), then {@code ready} (every {@link Borrow} is answered at once).
 */
public final class WorkerPool {
  private static final AtomicLong POOLS = new AtomicLong();
  /** How often the router is probed while starting. */
  private static final Duration PROBE_INTERVAL = Duration.ofMillis(2);

  private WorkerPool() {}

  public sealed interface Command {}

  /** Lend me the pool: answered with {@link Lent} once every worker is reachable through the router. */
  public record Borrow(ActorRef<Lent> replyTo) implements Command {}

  /**
   * The pool, lent to a job.
   *
   * @param router round-robin over {@code workers} (push dispatch)
   * @param workers the workers, in name order (pull dispatch)
   * @param startupNanos from the pool's creation to every worker answering through the router
   */
  public record Lent(ActorRef<PrimeWorker.Command> router, List<ActorRef<PrimeWorker.Command>> workers,
      long startupNanos) {
    public Lent {
      workers = List.copyOf(workers);
    }
  }

  /** Stop the pool and its workers: jobs still running on them end as interrupted. */
  public enum Close implements Command {
    INSTANCE
  }

  private record Listed(Receptionist.Listing listing) implements Command {}

  private record Probed(PrimeWorker.Reply reply) implements Command {}

  private enum ProbeTick implements Command {
    INSTANCE
  }

  /**
   * A pool of {@code size} workers.
   *
   * @param size workers, at least 1
   * @throws IllegalArgumentException if size is below 1
   */
  public static Behavior<Command> create(int size) {
    return create(size, FaultPlan.NONE);
  }

  /**
   * A pool of {@code size} workers that throw whenever {@code workerFaults} says so (asked by each worker, by name).
   *
   * @param size workers, at least 1
   * @param workerFaults the workers' own fault plan, e.g. {@link FaultPlan#failOn}; {@link FaultPlan#NONE} for none
   * @throws IllegalArgumentException if size is below 1
   */
  public static Behavior<Command> create(int size, FaultPlan workerFaults) {
    return create(size, workerFaults, Tracer.OFF);
  }

  /**
   * As {@link #create(int, FaultPlan)}, tracing the pool's start: each worker's spawning and readiness as instants on
   * its track, the start as a slice on the "kitchen" track, and the pool's closing.
   *
   * @param tracer the run's trace ({@link Tracer#OFF} for none)
   */
  public static Behavior<Command> create(int size, FaultPlan workerFaults, Tracer tracer) {
    if (size < 1) throw new IllegalArgumentException("size must be >= 1, was " + size);
    java.util.Objects.requireNonNull(workerFaults, "workerFaults");
    java.util.Objects.requireNonNull(tracer, "tracer");
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> starting(ctx, timers, size, workerFaults, tracer)));
  }

  private static Behavior<Command> starting(ActorContext<Command> ctx, TimerScheduler<Command> timers, int size,
      FaultPlan workerFaults, Tracer tracer) {
    long born = System.nanoTime();
    Tracer.Track kitchen = tracer.track(JobCoordinator.TRACE_PROCESS, "kitchen");
    // A key of this pool's own: other pools' (and the cluster's) workers are never its routees.
    ServiceKey<PrimeWorker.Command> key =
        ServiceKey.create(PrimeWorker.Command.class, "brigade-pool-" + POOLS.incrementAndGet());
    List<ActorRef<PrimeWorker.Command>> workers = new ArrayList<>(size);
    for (int i = 1; i <= size; i++) {
      ActorRef<PrimeWorker.Command> w = ctx.spawn(PrimeWorker.supervised(workerFaults), "worker-" + i,
          PrimeWorker.props());
      workers.add(w);
      ctx.getSystem().receptionist().tell(Receptionist.register(key, w));
      if (tracer.on()) {
        tracer.instant(tracer.track(JobCoordinator.TRACE_PROCESS, "worker-" + i), "spawned", System.nanoTime(),
            "dispatcher", PrimeWorker.DISPATCHER, "by", ctx.getSelf().path().name());
      }
    }
    // The router forwards every pushed batch: on the workers' dispatcher, as the coordinators are, so a batch reaches
    // its worker without a hop through a default-dispatcher thread (measured: ~1.5% of a seed-sized job).
    ActorRef<PrimeWorker.Command> router =
        ctx.spawn(Routers.group(key).withRoundRobinRouting(), "router", PrimeKitchen.ON_WORKERS_DISPATCHER);
    ctx.getSystem().receptionist().tell(Receptionist.subscribe(key,
        ctx.messageAdapter(Receptionist.Listing.class, Listed::new)));
    ActorRef<PrimeWorker.Reply> probeReplies = ctx.messageAdapter(PrimeWorker.Reply.class, Probed::new);
    Set<ActorRef<PrimeWorker.Command>> answered = new HashSet<>();
    List<ActorRef<Lent>> waiting = new ArrayList<>();
    return Behaviors.receive(Command.class)
        .onMessage(Borrow.class, b -> {
          waiting.add(b.replyTo());
          return Behaviors.same();
        })
        .onMessageEquals(Close.INSTANCE, Behaviors::stopped)
        .onMessage(Listed.class, l -> {
          // Every worker registered: probe the router until each has answered through it.
          if (l.listing().getServiceInstances(key).size() == size && !timers.isTimerActive(ProbeTick.INSTANCE)) {
            timers.startTimerWithFixedDelay(ProbeTick.INSTANCE, Duration.ZERO, PROBE_INTERVAL);
          }
          return Behaviors.same();
        })
        .onMessageEquals(ProbeTick.INSTANCE, () -> {
          for (int i = 0; i < size; i++) {
            router.tell(new PrimeWorker.Compute(-1, Job.CHECK, "trial", new long[0], probeReplies));
          }
          return Behaviors.same();
        })
        .onMessage(Probed.class, p -> {
          answered.add(p.reply().worker());
          if (answered.size() < size) return Behaviors.same();
          timers.cancel(ProbeTick.INSTANCE);
          Lent lent = new Lent(router, workers, System.nanoTime() - born);
          if (tracer.on()) {
            long now = System.nanoTime();
            tracer.complete(kitchen, "starting the workers", "lifecycle", born, now - born, "workers", size);
            for (ActorRef<PrimeWorker.Command> w : workers) {
              tracer.instant(tracer.track(JobCoordinator.TRACE_PROCESS, w.path().name()), "ready", now,
                  "answered", "through the router");
            }
          }
          ctx.getLog().debug("{} prime workers ready in {} µs", size, lent.startupNanos() / 1000);
          waiting.forEach(w -> w.tell(lent));
          return ready(lent);
        })
        .build();
  }

  private static Behavior<Command> ready(Lent lent) {
    return Behaviors.receive(Command.class)
        .onMessage(Borrow.class, b -> {
          b.replyTo().tell(lent);
          return Behaviors.same();
        })
        .onMessageEquals(Close.INSTANCE, Behaviors::stopped)
        .onMessage(Listed.class, l -> Behaviors.same())
        .onMessage(Probed.class, p -> Behaviors.same()) // late answers to the last round of probes
        .onMessageEquals(ProbeTick.INSTANCE, Behaviors::same)
        .build();
  }
}
