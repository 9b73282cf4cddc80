package brigade.restaurant;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.TimerScheduler;
import brigade.restaurant.Staff.Command;
import java.time.Duration;

/**
 * Collects a used dish after the customer has eaten and brings it back to the kitchen, where it is clean
 * stock again: {@link Staff.Task} = collect this order's dish.
 * Answers {@link Staff.Done}; obeys {@link Staff.Stop} by finishing the dish in hand and retiring.
 *
 * <p>Thread lesson, mapped: {@code executor.submit(task)} to a pool of threads becomes a {@code tell} of a
 * {@link Staff.Task} to one of a pool of these actors, chosen by the restaurant among the idle ones; the
 * {@code Future} the caller would {@code get()} becomes the {@link Staff.Done} reply message.
 */
public final class DishRetrieval extends StaffMember {

  /**
   * @param retrievalTime wall time per task (already scaled; zero = at once)
   * @param boss receives {@link Staff.Ready} on start and after every restart
   * @param events receives {@link RestaurantEvent.StaffFailed} and {@link RestaurantEvent.Retired}
   */
  public static Behavior<Command> create(
      String name,
      Duration retrievalTime,
      Staff.Options options,
      ActorRef<Staff.Reply> boss,
      ActorRef<RestaurantEvent> events) {
    return supervised(name, options, (ctx, ledger) -> Behaviors.withTimers(timers ->
        new DishRetrieval(ctx, timers, ledger, name, retrievalTime, options, boss, events)));
  }

  private DishRetrieval(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      Ledger ledger,
      String name,
      Duration retrievalTime,
      Staff.Options options,
      ActorRef<Staff.Reply> boss,
      ActorRef<RestaurantEvent> events) {
    super(ctx, timers, ledger, name, Staff.Role.RETRIEVAL, retrievalTime, options, boss, events);
  }
}
