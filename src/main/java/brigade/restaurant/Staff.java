package brigade.restaurant;

import akka.actor.typed.ActorRef;

/**
 * The protocol every member of staff speaks ({@link Worker}, {@link Delivery}, {@link DishRetrieval}): the
 * restaurant hands out one {@link Task} at a time, each answered by {@link Done}; {@link Stop} asks the actor
 * to finish the work in hand and retire. On every (re)start a staff actor sends {@link Ready} to its boss:
 * a {@code Ready} with {@code restarts > 0} tells the boss that the task it gave that actor was lost in
 * the failure, so the boss sends it again (at-least-once hand-over between actors, made explicit).
 */
public final class Staff {
  private Staff() {}

  /** The three jobs in the restaurant, with the words the event log uses for them. */
  public enum Role {
    WORKER("worker", "cook", "cooked"),
    DELIVERY("delivery", "deliver", "delivered"),
    RETRIEVAL("dish-retrieval", "collect the dish of", "brought back the dish of");

    private final String label;
    private final String doing;
    private final String did;

    Role(String label, String doing, String did) {
      this.label = label;
      this.doing = doing;
      this.did = did;
    }

    public String label() {
      return label;
    }

    String doing() {
      return doing;
    }

    String did() {
      return did;
    }
  }

  public sealed interface Command permits Task, Stop, Query, Internal {}

  /** Messages a staff actor sends itself (timers); not part of the public protocol. */
  non-sealed interface Internal extends Command {}

  /** Do your job for this order, then answer {@code replyTo} with {@link Done}. */
  public record Task(long orderId, ActorRef<Reply> replyTo) implements Command {}

  /** Finish the work in hand, report what you did ({@link RestaurantEvent.Retired}), and stop. */
  public enum Stop implements Command {
    INSTANCE
  }

  /** What are you doing? Answered with {@link State} (for tests and observers; changes nothing). */
  public record Query(ActorRef<State> replyTo) implements Command {}

  /** A staff actor's state: the order in hand (or null), tasks queued behind it, totals across restarts. */
  public record State(String name, Role role, Long inHand, int queued, int handled, int restarts, boolean stopping) {}

  public sealed interface Reply permits Ready, Done {}

  /** Sent on start and after every restart; {@code restarts > 0} means any task in hand was lost. */
  public record Ready(String name, Role role, ActorRef<Command> staff, int restarts) implements Reply {}

  /** The task for {@code orderId} is done. */
  public record Done(String name, Role role, ActorRef<Command> staff, long orderId) implements Reply {}

  /** How a staff actor behaves beyond its job: its faults, and whether each order is logged at INFO. */
  public record Options(Faults faults, boolean logOrders) {
    public static final Options DEFAULT = new Options(Faults.NONE, true);
  }
}
