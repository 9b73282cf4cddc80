package brigade.restaurant;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.TimerScheduler;
import brigade.restaurant.Staff.Command;
import java.time.Duration;

/**
 * Carries a cooked order, on its clean dish, to the customer's table: {@link Staff.Task} = deliver this order.
 * Answers {@link Staff.Done}; obeys {@link Staff.Stop} by finishing the dish in hand and retiring.
 *
 * <p>Thread lesson, mapped: {@code executor.submit(task)} to a pool of threads becomes a {@code tell} of a
 * {@link Staff.Task} to one of a pool of these actors, chosen by the restaurant among the idle ones; the
 * {@code Future} the caller would {@code get()} becomes the {@link Staff.Done} reply message.
 */
public final class Delivery extends StaffMember {

  /**
   * @param deliveryTime wall time per task (already scaled; zero = at once)
   * @param boss receives {@link Staff.Ready} on start and after every restart
   * @param events receives {@link RestaurantEvent.StaffFailed} and {@link RestaurantEvent.Retired}
   */
  public static Behavior<Command> create(
      String name,
      Duration deliveryTime,
      Staff.Options options,
      ActorRef<Staff.Reply> boss,
      ActorRef<RestaurantEvent> events) {
    return supervised(name, options, (ctx, ledger) -> Behaviors.withTimers(timers ->
        new Delivery(ctx, timers, ledger, name, deliveryTime, options, boss, events)));
  }

  private Delivery(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      Ledger ledger,
      String name,
      Duration deliveryTime,
      Staff.Options options,
      ActorRef<Staff.Reply> boss,
      ActorRef<RestaurantEvent> events) {
    super(ctx, timers, ledger, name, Staff.Role.DELIVERY, deliveryTime, options, boss, events);
  }
}
