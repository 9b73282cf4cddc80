package brigade.restaurant;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.ReceiveBuilder;
import akka.actor.typed.javadsl.TimerScheduler;
import brigade.restaurant.Staff.Command;
import brigade.restaurant.Staff.Done;
import brigade.restaurant.Staff.Ready;
import brigade.restaurant.Staff.Role;
import brigade.restaurant.Staff.Task;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.BiFunction;

/**
 * What every staff actor shares: take a {@link Task}, spend its (scaled) time on it with a timer, answer
 * {@link Done}; obey {@link Staff.Stop} by finishing the work in hand, reporting, and stopping itself.
 *
 * <p>Thread lesson: a {@code Thread} subclass's {@code run()} becomes this behaviour; "sleep while
 * working" becomes a single timer whose message the actor sends itself, so the actor's thread is never
 * blocked and it stays responsive (to {@code Stop}, to its overwork timer) in the meantime.
 *
 * <p>Supervision: {@link #supervised} wraps the actor in a restart strategy. What must survive a
 * restart (tasks done, restarts, the seeded fault coin) lives in a {@link Ledger} created <em>outside</em>
 * the restarted part, so a restart resets the work in hand (it is lost, the boss re-sends it on the fresh
 * {@link Ready}) but not the history.
 */
abstract class StaffMember extends AbstractBehavior<Command> {

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

    Ledger(Faults.Coin coin) {
      this.coin = coin;
    }
  }

  /** The time for the task in hand is up. */
  private record TimeUp(long orderId) implements Staff.Internal {}

  /** A staff behaviour restarted on any exception; simulated faults are logged by the actor itself. */
  static Behavior<Command> supervised(
      String name, Staff.Options options, BiFunction<ActorContext<Command>, Ledger, Behavior<Command>> incarnation) {
    return Behaviors.setup(ctx -> {
      Ledger ledger = new Ledger(options.faults().coin(name));
      Behavior<Command> restartable = Behaviors.setup(inner -> incarnation.apply(inner, ledger));
      return Behaviors.supervise(
              Behaviors.supervise(restartable)
                  .onFailure(SimulatedFault.class, SupervisorStrategy.restart().withLoggingEnabled(false)))
          .onFailure(Exception.class, SupervisorStrategy.restart());
    });
  }

  protected final String name;
  protected final Role role;
  protected final TimerScheduler<Command> timers;
  protected final Ledger ledger;
  private final Duration taskTime;
  private final Staff.Options options;
  protected final ActorRef<RestaurantEvent> events;
  private final ArrayDeque<Task> queued = new ArrayDeque<>();
  private Task inHand;
  private boolean stopping;

  protected StaffMember(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      Ledger ledger,
      String name,
      Role role,
      Duration taskTime,
      Staff.Options options,
      ActorRef<Staff.Reply> boss,
      ActorRef<RestaurantEvent> events) {
    super(context);
    this.name = name;
    this.role = role;
    this.timers = timers;
    this.ledger = ledger;
    this.taskTime = taskTime;
    this.options = options;
    this.events = events;
    if (ledger.incarnations++ > 0) {
      ledger.restarts++;
      // Per-order detail: at INFO only when orders are logged (a big faulty run would flood the log).
      if (options.logOrders()) {
        context.getLog().info("{} is back after restart #{} (its work in hand was lost)", name, ledger.restarts);
      } else {
        context.getLog().debug("{} is back after restart #{} (its work in hand was lost)", name, ledger.restarts);
      }
    } else {
      context.getLog().info("{} ({}) starts its shift", name, role.label());
    }
    boss.tell(new Ready(name, role, context.getSelf(), ledger.restarts));
  }

  @Override
  public final Receive<Command> createReceive() {
    ReceiveBuilder<Command> b = newReceiveBuilder()
        .onMessage(Task.class, this::onTask)
        .onMessage(TimeUp.class, this::onTimeUp)
        .onMessageEquals(Staff.Stop.INSTANCE, this::onStop)
        .onMessage(Staff.Query.class, this::onQuery);
    return extend(b).build();
  }

  /** Subclasses add their own messages here. */
  protected ReceiveBuilder<Command> extend(ReceiveBuilder<Command> builder) {
    return builder;
  }

  /** Called once when the actor retires, before it reports; e.g. to cancel a periodic timer. */
  protected void beforeRetiring() {}

  /** Extra words for the retirement line, e.g. ", overworked 3 times". */
  protected String retirementNote() {
    return "";
  }

  protected final Task inHand() {
    return inHand;
  }

  private Behavior<Command> onTask(Task task) {
    if (stopping) {
      // The restaurant never does this; say so loudly rather than drop it silently.
      getContext().getLog().warn("{} was told to stop: refuses order {}", name, task.orderId());
      return this;
    }
    queued.add(task);
    if (inHand == null) startNext();
    return this;
  }

  private void startNext() {
    inHand = queued.poll();
    if (inHand == null) return;
    logOrder("{}: {} order {}", name, role.doing(), inHand.orderId());
    TimeUp timeUp = new TimeUp(inHand.orderId());
    if (taskTime.isZero()) {
      getContext().getSelf().tell(timeUp); // shorter than a timer can time: a message to self, still no sleep
    } else {
      timers.startSingleTimer(timeUp, taskTime);
    }
  }

  private Behavior<Command> onTimeUp(TimeUp t) {
    if (inHand == null || inHand.orderId() != t.orderId()) return this;
    if (ledger.coin.fails()) {
      String cause = name + " dropped order " + t.orderId() + " (simulated fault)";
      if (options.logOrders()) getContext().getLog().warn("{}: restarting; the order goes back to the restaurant", cause);
      else getContext().getLog().debug("{}: restarting; the order goes back to the restaurant", cause);
      events.tell(new RestaurantEvent.StaffFailed(name, role, t.orderId(), cause));
      throw new SimulatedFault(cause);
    }
    ledger.handled++;
    logOrder("{}: {} order {}", name, role.did(), t.orderId());
    inHand.replyTo().tell(new Done(name, role, getContext().getSelf(), t.orderId()));
    inHand = null;
    startNext();
    if (stopping && inHand == null) return retire();
    return this;
  }

  private Behavior<Command> onQuery(Staff.Query q) {
    q.replyTo().tell(new Staff.State(name, role, inHand == null ? null : inHand.orderId(), queued.size(),
        ledger.handled, ledger.restarts, stopping));
    return this;
  }

  private Behavior<Command> onStop() {
    if (inHand == null) return retire();
    stopping = true;
    getContext().getLog().info("{} was told to stop: finishing order {} first ({} more queued)",
        name, inHand.orderId(), queued.size());
    return this;
  }

  private Behavior<Command> retire() {
    beforeRetiring();
    events.tell(new RestaurantEvent.Retired(name, role, ledger.handled, ledger.restarts));
    getContext().getLog().info("{} retires: {} {} order(s){}{}", name, role.did(), ledger.handled,
        retirementNote(), ledger.restarts == 0 ? "" : ", restarted " + ledger.restarts + "x");
    return Behaviors.stopped();
  }

  protected final void logOrder(String format, Object... args) {
    if (options.logOrders()) {
      getContext().getLog().info(format, args);
    } else if (getContext().getLog().isDebugEnabled()) {
      getContext().getLog().debug(format, args);
    }
  }
}
