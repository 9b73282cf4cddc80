package brigade.restaurant;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.TimerScheduler;
import brigade.restaurant.Staff.Command;
import brigade.restaurant.Staff.Done;
import brigade.restaurant.Staff.Ready;
import brigade.restaurant.Staff.Role;
import brigade.restaurant.Staff.Task;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * The one staff behaviour, parametrised by {@link Role} ({@link Worker}, {@link Delivery} and
 * {@link DishRetrieval} are its factories): take a {@link Task}, spend its (scaled) time on it with a timer,
 * report {@link Done}; obey {@link Staff.Stop} by finishing the work in hand, reporting, and stopping itself.
 * Two phases, two behaviours: on shift, and finishing (told to stop while busy). A worker also runs the
 * periodic "overwork" timer while on shift.
 *
 * <p>Thread lesson: a {@code Thread} subclass's {@code run()} becomes this behaviour; "sleep while
 * working" becomes a single timer whose message the actor sends itself, so the actor's thread is never
 * blocked and it stays responsive (to {@code Stop}, to its overwork timer) in the meantime. A task whose time
 * is zero, or already past on the run's timeline (see {@link Staff}), is done at once, without a timer.
 *
 * <p>Supervision: {@link #create} wraps the actor in a restart strategy. What must survive a restart (tasks
 * done, restarts, the seeded fault coin, overwork count, when it is next free on the run's timeline) lives in a
 * {@link Ledger} created <em>outside</em> the restarted part, so a restart resets the work in hand (it is lost, the
 * boss re-sends it on the fresh {@link Ready}) but not the history.
 */
final class StaffMember {

  /** A simulated fault: the staff actor "drops the plate". */
  static final class SimulatedFault extends RuntimeException {
    SimulatedFault(String message) {
      super(message, null, false, false);
    }
  }

  /** The part of a staff actor's state that outlives restarts. Owned by that one actor. */
  static final class Ledger {
    final Faults.Coin coin;
    int incarnations;
    int restarts;
    int handled;
    /** Overwork announcements so far (workers only). */
    int overworks;
    /** Overwork lines logged so far (the rest are only counted). */
    int overworksLogged;
    /**
     * When this actor's last task ended (or was dropped) on the run's timeline: the next one starts no earlier. Kept
     * across restarts, so that a re-sent order never starts before the attempt that failed ended.
     */
    long freeAt = Long.MIN_VALUE;
    /** The fault that caused the latest restart, for the trace. */
    String lastError = "";

    Ledger(Faults.Coin coin) {
      this.coin = coin;
    }
  }

  /** The time for the task in hand is up. */
  private record TimeUp(long orderId) implements Staff.Internal {}

  /** The overwork timer's tick. */
  private enum Overwork implements Staff.Internal {
    TICK
  }

  private enum TimerKey {
    TIME_UP
  }

  /** The overwork timer never ticks faster than this: shorter intervals are counted several per tick. */
  static final long OVERWORK_TICK_NANOS = Duration.ofMillis(10).toNanos();
  /** At most one overwork line per worker per this much wall time; the summary has the full count. */
  static final long OVERWORK_LOG_GAP_NANOS = Duration.ofMillis(500).toNanos();

  /**
   * A staff actor of the given role, restarted on any exception; simulated faults are logged by the actor itself.
   *
   * @param taskTime wall time per task (already scaled; zero = at once)
   * @param workInterval wall time between overwork announcements (already scaled), or null for none (only
   *     workers announce)
   * @param boss receives every {@link Staff.Report}: Ready on start and after every restart, Done per task,
   *     overwork, faults, retirement
   */
  static Behavior<Command> create(Role role, String name, Duration taskTime, Duration workInterval,
      Staff.Options options, ActorRef<Staff.Report> boss) {
    return Behaviors.setup(ctx -> {
      Ledger ledger = new Ledger(options.faults().coin(name, role));
      Behavior<Command> restartable = Behaviors.setup(inner -> Behaviors.withTimers(timers ->
          new StaffMember(inner, timers, ledger, role, name, taskTime, workInterval, options, boss).onShift()));
      return Behaviors.supervise(
              Behaviors.supervise(restartable)
                  .onFailure(SimulatedFault.class, SupervisorStrategy.restart().withLoggingEnabled(false)))
          .onFailure(Exception.class, SupervisorStrategy.restart());
    });
  }

  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;
  private final Ledger ledger;
  private final Role role;
  private final String name;
  private final long taskNanos;
  private final long workIntervalNanos;
  private final Staff.Options options;
  private final LongSupplier clock;
  private final ActorRef<Staff.Report> boss;
  private final ArrayDeque<Task> queued = new ArrayDeque<>();
  private Task inHand;
  /** When the task in hand ends, on the run's timeline. */
  private long inHandDue;
  private long lastTimerNanos;
  /** Orders finished in the current go, reported together when it ends (one Done, or one DoneBatch). */
  private long[] doneIds = new long[16];
  private long[] doneAt = new long[16];
  private int doneCount;
  private long owedOverworkNanos;
  private long lastOverworkLogAt;
  /** Set once, when Stop comes: only for {@link Staff.State} (the behaviour, not this field, decides). */
  private boolean stopping;
  /** Whether per-order lines are wanted at all: nothing is built for a line nobody will see. */
  private final boolean traceOrders;
  private final brigade.trace.Tracer tracer;
  private final brigade.trace.Tracer.Track track;

  private StaffMember(ActorContext<Command> ctx, TimerScheduler<Command> timers, Ledger ledger, Role role,
      String name, Duration taskTime, Duration workInterval, Staff.Options options, ActorRef<Staff.Report> boss) {
    this.ctx = ctx;
    this.timers = timers;
    this.ledger = ledger;
    this.role = role;
    this.name = name;
    this.taskNanos = taskTime.toNanos();
    this.workIntervalNanos = workInterval == null ? 0 : Math.max(1, workInterval.toNanos());
    this.options = options;
    this.clock = options.clock();
    this.boss = boss;
    this.traceOrders = options.logOrders() || ctx.getLog().isDebugEnabled();
    this.tracer = options.tracer();
    this.track = tracer.track(Restaurant.TRACE_PROCESS, name);
    if (ledger.incarnations++ > 0) {
      ledger.restarts++;
      if (tracer.on()) {
        tracer.instant(track, "restarted", clock.getAsLong(), "error", ledger.lastError, "restart", ledger.restarts,
            "thread", Thread.currentThread().getName());
      }
      brigade.trace.Jfr.staffLifecycle(name, "restarted", ledger.lastError);
      // Per-order detail: at INFO only when orders are logged (a big faulty run would flood the log).
      if (options.logOrders()) {
        ctx.getLog().info("{} is back after restart #{} (its work in hand was lost)", name, ledger.restarts);
      } else {
        ctx.getLog().debug("{} is back after restart #{} (its work in hand was lost)", name, ledger.restarts);
      }
    } else {
      ctx.getLog().info("{} ({}) starts its shift", name, role.label());
    }
    if (workIntervalNanos > 0) {
      // Timers are cancelled on restart; a fresh incarnation goes back on shift with a fresh one. At a fixed
      // rate, so late ticks do not add up to fewer announcements than intervals.
      Duration tick = Duration.ofNanos(Math.max(workIntervalNanos, OVERWORK_TICK_NANOS));
      timers.startTimerAtFixedRate(Overwork.TICK, Overwork.TICK, tick);
    }
    if (tracer.on()) tracer.instant(track, "ready", clock.getAsLong(), "thread", Thread.currentThread().getName());
    if (ledger.restarts == 0) brigade.trace.Jfr.staffLifecycle(name, "ready", role.label());
    boss.tell(new Ready(name, role, ctx.getSelf(), ledger.restarts));
  }

  /** On shift: takes tasks, announces overwork, and on Stop retires (or finishes the work in hand first). */
  private Behavior<Command> onShift() {
    return Behaviors.receive(Command.class)
        .onMessage(TimeUp.class, this::onTimeUp)
        .onMessage(Staff.Query.class, this::onQuery)
        .onMessage(Task.class, this::onTask)
        .onMessage(Staff.TaskBatch.class, this::onTaskBatch)
        .onMessageEquals(Overwork.TICK, this::onOverwork)
        .onMessageEquals(Staff.Stop.INSTANCE, this::onStop)
        .build();
  }

  /** Told to stop while busy: finishes what it holds and what is queued, takes nothing new, then retires. */
  private Behavior<Command> finishing() {
    return Behaviors.receive(Command.class)
        .onMessage(TimeUp.class, this::onTimeUpFinishing)
        .onMessage(Staff.Query.class, this::onQuery)
        .onMessage(Task.class, t -> {
          // The restaurant never does this; say so loudly rather than drop it silently.
          ctx.getLog().warn("{} was told to stop: refuses order {}", name, t.orderId());
          return Behaviors.same();
        })
        .onMessage(Staff.TaskBatch.class, t -> {
          ctx.getLog().warn("{} was told to stop: refuses {} orders", name, t.orderIds().length);
          return Behaviors.same();
        })
        .onMessageEquals(Staff.Stop.INSTANCE, Behaviors::same)
        .build();
  }

  private Behavior<Command> onTask(Task task) {
    queued.add(task);
    work();
    return Behaviors.same();
  }

  private Behavior<Command> onTaskBatch(Staff.TaskBatch batch) {
    for (int i = 0; i < batch.orderIds().length; i++) queued.add(new Task(batch.orderIds()[i], batch.readyAt()[i]));
    work();
    return Behaviors.same();
  }

  /**
   * Starts queued tasks; each one already due on the timeline is done at once, the first one that is not waits.
   * What was done in this go is then reported in one message.
   */
  private void work() {
    try {
      startQueued();
    } finally {
      reportDone();
    }
  }

  private void startQueued() {
    while (inHand == null && !queued.isEmpty()) {
      inHand = queued.poll();
      inHandDue = Math.max(inHand.readyAt(), ledger.freeAt) + taskNanos;
      if (traceOrders) logOrder("{}: {} order {}", name, role.doing(), inHand.orderId());
      if (taskNanos > 0) {
        long wait = inHandDue - clock.getAsLong();
        if (wait > 0) {
          lastTimerNanos = wait;
          timers.startSingleTimer(TimerKey.TIME_UP, new TimeUp(inHand.orderId()), Duration.ofNanos(wait));
          return;
        }
      }
      finishInHand();
    }
  }

  private void finishInHand() {
    long orderId = inHand.orderId();
    if (ledger.coin.fails()) {
      String cause = name + " dropped order " + orderId + " (simulated fault)";
      if (options.logOrders()) ctx.getLog().warn("{}: restarting; the order goes back to the restaurant", cause);
      else ctx.getLog().debug("{}: restarting; the order goes back to the restaurant", cause);
      reportDone(); // what was done before the fault is done
      ledger.lastError = cause;
      ledger.freeAt = inHandDue;
      traceStep(orderId, true);
      boss.tell(new RestaurantEvent.StaffFailed(name, role, orderId, cause));
      throw new SimulatedFault(cause);
    }
    ledger.handled++;
    if (traceOrders) logOrder("{}: {} order {}", name, role.did(), orderId);
    if (doneCount == doneIds.length) {
      doneIds = Arrays.copyOf(doneIds, doneCount * 2);
      doneAt = Arrays.copyOf(doneAt, doneCount * 2);
    }
    doneIds[doneCount] = orderId;
    doneAt[doneCount++] = inHandDue;
    ledger.freeAt = inHandDue;
    traceStep(orderId, false);
    inHand = null;
  }

  /**
   * The step in hand as a slice on this actor's track (and a JFR event): [due - task time, due] on the run's
   * timeline. A step done joins its order's flow across the staff tracks (cook starts it, delivery carries it on,
   * retrieval ends it); a dropped one is a slice of its own, outside the flow.
   */
  private void traceStep(long orderId, boolean dropped) {
    if (tracer.on()) {
      long start = inHandDue - taskNanos;
      tracer.complete(track, dropped ? role.step() + " (dropped)" : role.step(), "order", start, taskNanos,
          "order", orderId, "thread", Thread.currentThread().getName());
      if (!dropped) {
        char phase = switch (role) {
          case WORKER -> 's';
          case DELIVERY -> 't';
          case RETRIEVAL -> 'f';
        };
        tracer.flow(track, phase, "order", orderId, start + taskNanos / 2);
      }
    }
    brigade.trace.JfrOrderStep jfr = brigade.trace.Jfr.started() ? new brigade.trace.JfrOrderStep() : null;
    if (jfr != null && jfr.shouldCommit()) {
      jfr.staff = name;
      jfr.step = role.step();
      jfr.orderId = orderId;
      jfr.dropped = dropped;
      jfr.stepNanos = taskNanos;
      jfr.commit();
    }
  }

  /** Reports the tasks finished since the last report: one Done, or one DoneBatch for several. */
  private void reportDone() {
    if (doneCount == 1) {
      boss.tell(new Done(name, role, ctx.getSelf(), doneIds[0], doneAt[0]));
    } else if (doneCount > 1) {
      boss.tell(new Staff.DoneBatch(name, role, ctx.getSelf(), Arrays.copyOf(doneIds, doneCount),
          Arrays.copyOf(doneAt, doneCount)));
    }
    doneCount = 0;
  }

  private Behavior<Command> onTimeUp(TimeUp t) {
    if (inHand == null || inHand.orderId() != t.orderId()) return Behaviors.same();
    try {
      finishInHand();
      startQueued();
    } finally {
      reportDone();
    }
    return Behaviors.same();
  }

  // finishing's TimeUp: the same, and retire once nothing is left
  private Behavior<Command> onTimeUpFinishing(TimeUp t) {
    onTimeUp(t);
    return inHand == null ? retire() : Behaviors.same();
  }

  private Behavior<Command> onOverwork() {
    // One tick may stand for several intervals when the interval is shorter than a tick.
    owedOverworkNanos += Math.max(workIntervalNanos, OVERWORK_TICK_NANOS);
    long intervals = owedOverworkNanos / workIntervalNanos;
    owedOverworkNanos -= intervals * workIntervalNanos;
    if (intervals == 0) return Behaviors.same();
    int n = ledger.overworks = (int) Math.min(Integer.MAX_VALUE, ledger.overworks + intervals);
    long now = clock.getAsLong();
    if (ledger.overworksLogged == 0 || now - lastOverworkLogAt >= OVERWORK_LOG_GAP_NANOS) {
      lastOverworkLogAt = now;
      ledger.overworksLogged++;
      ctx.getLog().info("{} on shift: overwork #{} ({} cooked so far{}){}", name, n, ledger.handled,
          inHand == null ? ", idle" : ", cooking order " + inHand.orderId(),
          ledger.overworksLogged == 1 && OVERWORK_LOG_GAP_NANOS > workIntervalNanos
              ? "; announcements more often than every " + OVERWORK_LOG_GAP_NANOS / 1_000_000
                  + " ms are counted in the summary, not logged"
              : "");
    }
    boss.tell(new RestaurantEvent.Overworked(name, n));
    return Behaviors.same();
  }

  private Behavior<Command> onQuery(Staff.Query q) {
    q.replyTo().tell(new Staff.State(name, role, inHand == null ? null : inHand.orderId(), queued.size(),
        ledger.handled, ledger.restarts, stopping, lastTimerNanos));
    return Behaviors.same();
  }

  private Behavior<Command> onStop() {
    if (tracer.on()) {
      tracer.instant(track, "Stop received", clock.getAsLong(), "inHand", inHand == null ? -1 : inHand.orderId(),
          "thread", Thread.currentThread().getName());
    }
    brigade.trace.Jfr.staffLifecycle(name, "Stop received", inHand == null ? "idle" : "finishing order " + inHand.orderId());
    if (inHand == null) return retire();
    stopping = true;
    timers.cancel(Overwork.TICK);
    ctx.getLog().info("{} was told to stop: finishing order {} first ({} more queued)",
        name, inHand.orderId(), queued.size());
    return finishing();
  }

  private Behavior<Command> retire() {
    timers.cancel(Overwork.TICK);
    if (tracer.on()) {
      tracer.instant(track, "retired", clock.getAsLong(), "handled", ledger.handled, "restarts", ledger.restarts,
          "thread", Thread.currentThread().getName());
    }
    brigade.trace.Jfr.staffLifecycle(name, "retired", ledger.handled + " handled");
    boss.tell(new RestaurantEvent.Retired(name, role, ledger.handled, ledger.restarts));
    ctx.getLog().info("{} retires: {} {} order(s){}{}", name, role.did(), ledger.handled,
        role == Role.WORKER ? ", overworked " + ledger.overworks + " time(s)" : "",
        ledger.restarts == 0 ? "" : ", restarted " + ledger.restarts + "x");
    return Behaviors.stopped();
  }

  private void logOrder(String format, Object arg1, Object arg2, Object arg3) {
    if (options.logOrders()) {
      ctx.getLog().info(format, arg1, arg2, arg3);
    } else if (ctx.getLog().isDebugEnabled()) {
      ctx.getLog().debug(format, arg1, arg2, arg3);
    }
  }
}
