package brigade.restaurant;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.ReceiveBuilder;
import akka.actor.typed.javadsl.TimerScheduler;
import brigade.restaurant.Staff.Command;
import java.time.Duration;

/**
 * A cook in the kitchen. Takes {@link Staff.Task}s (cook this order) and answers {@link Staff.Done}; while on
 * shift it also does the classic lesson's periodic "overwork": every {@code work-interval} it announces its
 * work ({@link RestaurantEvent.Overworked}) until it is told to {@link Staff.Stop}, then it announces that
 * it retires ({@link RestaurantEvent.Retired}).
 *
 * <p>Thread lesson, mapped: the thread that runs {@code while (!stopped) { work(); sleep(interval); }} and
 * prints "retired" after the loop becomes a <em>periodic timer</em> (the loop body runs on each tick, the
 * thread is never parked) plus a {@code Stop} <em>message</em> in place of the shared volatile flag: the
 * actor reads its mailbox in order, so there is nothing to synchronise and no flag to forget to check.
 */
public final class Worker extends StaffMember {

  /** The overwork timer's tick. */
  private enum Overwork implements Staff.Internal {
    TICK
  }

  /**
   * @param cookTime wall time to cook one order (already scaled; zero = at once)
   * @param workInterval wall time between overwork announcements (already scaled)
   * @param boss receives {@link Staff.Ready} on start and after every restart
   * @param events receives {@link RestaurantEvent.Overworked}, {@link RestaurantEvent.StaffFailed} and
   *     {@link RestaurantEvent.Retired}
   */
  public static Behavior<Command> create(
      String name,
      Duration cookTime,
      Duration workInterval,
      Staff.Options options,
      ActorRef<Staff.Reply> boss,
      ActorRef<RestaurantEvent> events) {
    return supervised(name, options, (ctx, ledger) -> Behaviors.withTimers(timers ->
        new Worker(ctx, timers, ledger, name, cookTime, workInterval, options, boss, events)));
  }

  private Worker(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      Ledger ledger,
      String name,
      Duration cookTime,
      Duration workInterval,
      Staff.Options options,
      ActorRef<Staff.Reply> boss,
      ActorRef<RestaurantEvent> events) {
    super(ctx, timers, ledger, name, Staff.Role.WORKER, cookTime, options, boss, events);
    // Timers are cancelled on restart; a fresh incarnation goes back on shift with a fresh one.
    timers.startTimerWithFixedDelay(Overwork.TICK, Overwork.TICK, workInterval);
  }

  @Override
  protected ReceiveBuilder<Command> extend(ReceiveBuilder<Command> builder) {
    return builder.onMessageEquals(Overwork.TICK, this::onOverwork);
  }

  private Behavior<Command> onOverwork() {
    int n = ++ledger.overworks;
    Staff.Task task = inHand();
    getContext().getLog().info("{} on shift: overwork #{} ({} cooked so far{})", name, n, ledger.handled,
        task == null ? ", idle" : ", cooking order " + task.orderId());
    events.tell(new RestaurantEvent.Overworked(name, n));
    return this;
  }

  @Override
  protected void beforeRetiring() {
    timers.cancel(Overwork.TICK);
  }

  @Override
  protected String retirementNote() {
    return ", overworked " + ledger.overworks + " time(s)";
  }
}
