package brigade.restaurant;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.ChildFailed;
import akka.actor.typed.Terminated;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.TimerScheduler;
import brigade.restaurant.OrderBook.Order;
import brigade.restaurant.RestaurantEvent.Exit;
import brigade.restaurant.RestaurantEvent.Stage;
import brigade.restaurant.Staff.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import brigade.trace.BusyTime;
import brigade.trace.Tracer;

/**
 * The restaurant: a supervisor actor that hires (spawns) and watches its staff, takes orders in, and moves
 * each order along: worker (cook) → a clean dish from the finite stock → delivery → the customer eats (a
 * timer here) → dish-retrieval → the dish is clean stock again. Every step is a message; every duration a
 * timer scaled by {@code time-scale}. The bookkeeping is plain classes: the {@link OrderBook} (orders in flight,
 * dishes, counts), the {@link Intake} (the door: orders planned, arrived, taken in) and one {@link Roster} per
 * role (who is idle, who holds which order).
 *
 * <p>One behaviour per phase: <b>open</b> (orders come in and move on) → <b>closing</b> (no new orders; the
 * ones in flight finish, for at most {@code close-timeout}, then the rest are cancelled) → <b>stopping</b>
 * (every staff actor was told to Stop, or was stopped hard; orders go no further) → <b>closed</b> (the
 * {@link Summary}, for everyone who asks with {@link WhenClosed}). A second close request while closing is a
 * hard stop (Ctrl-C twice). An order taken in is always served or counted cancelled; one never taken in is
 * never received (see {@link Intake}).
 *
 * <p>Thread and process lessons, mapped onto actor idioms:
 * <ul>
 *   <li>{@code new Thread(...).start()} / {@code Process.start()} → {@code context.spawn}: the staff are
 *       this actor's children;</li>
 *   <li>{@code thread.join()} / {@code process.join()} → {@code context.watch(child)} and the
 *       {@link Terminated} signal: each child's end is reported with its reason (retired after Stop,
 *       hard stop, failure);</li>
 *   <li>setting a thread's stop flag → sending {@link Staff.Stop}: the child finishes its work in hand,
 *       reports ({@link RestaurantEvent.Retired}) and stops itself;</li>
 *   <li>{@code process.terminate()} → {@code context.stop(child)} ({@link HardStop}, {@link Terminate}):
 *       immediate, reported as a hard stop; the order it held goes to a colleague or is cancelled;</li>
 *   <li>{@code executor.submit(task)} → {@code tell} of a {@link Staff.Task} to an idle member of a
 *       pool (the {@link Roster}); the {@code Future} is the {@link Staff.Done} reply. From outside, a caller
 *       asks ({@code AskPattern.ask}) with {@link PlaceOrder} and gets a {@code CompletionStage} of the order's
 *       {@link OrderOutcome}; {@link PlaceOrders} is a batch, {@link CloseForSummary} the shutdown and its
 *       {@link Summary};</li>
 *   <li>an uncaught exception killing a thread → supervision: the staff actor is restarted, says
 *       {@link Staff.Ready} again, and this restaurant re-sends the order it held (none is lost).</li>
 * </ul>
 */
public final class Restaurant {

  public sealed interface Command {}

  /**
   * Close gracefully: take no more orders, let the ones in flight finish (for at most {@code within}, or
   * {@code close-timeout} when null), retire the staff, summarise. A second Close while closing on request stops
   * everything now (like {@link Terminate}). {@code replyTo} (or null) hears what closing waits for.
   */
  public record Close(Duration within, ActorRef<Closing> replyTo) implements Command {
    public Close() {
      this(null, null);
    }

    public Close(Duration within) {
      this(within, null);
    }
  }

  /**
   * The answer to {@link Close}: {@code inFlight} orders may take up to {@code within} (wall time); or, when
   * {@code stoppingNow}, this Close was the second one and everything is being stopped now.
   */
  public record Closing(long inFlight, Duration within, boolean stoppingNow) {}

  /** Hard stop of the whole restaurant (a process's terminate()): every staff actor is stopped now. */
  public record Terminate() implements Command {}

  /** Hard stop of one staff actor by name, e.g. "worker-1": its order in hand goes to a colleague. */
  public record HardStop(String staffName) implements Command {}

  /** Send me the summary when the restaurant has closed (at once if it already has). */
  public record WhenClosed(ActorRef<Summary> replyTo) implements Command {}

  /**
   * One more order, besides the settings' own, answered with its {@link OrderOutcome} once it is served (or
   * cancelled): {@code executor.submit(task)}, then {@code future.result()}, as an ask:
   * {@code AskPattern.ask(restaurant, PlaceOrder::new, timeout, scheduler)}. Taken in at once, whatever the book's
   * window (the askers bound what is in flight). After the restaurant began closing, answered {@link Refused}. An
   * ask that times out leaves the order in the restaurant: it is served or cancelled, and counted, as any other.
   */
  public record PlaceOrder(ActorRef<OrderOutcome> replyTo) implements Command {}

  /**
   * {@code count} more orders, answered once, when the last of them is settled, with their outcomes in the order
   * placed (a batch submitted, its results gathered: {@code Pool.map}).
   *
   * @param count orders, 1..{@value #MAX_ASKED_BATCH}
   */
  public record PlaceOrders(int count, ActorRef<OrdersOutcome> replyTo) implements Command {
    /** @throws IllegalArgumentException if count is outside 1..{@value #MAX_ASKED_BATCH} */
    public PlaceOrders {
      if (count < 1 || count > MAX_ASKED_BATCH) {
        throw new IllegalArgumentException("count must be from 1 to " + MAX_ASKED_BATCH + ", was " + count);
      }
    }
  }

  /** The most orders one {@link PlaceOrders} may place. */
  public static final int MAX_ASKED_BATCH = 65_536;

  /**
   * Close gracefully (as {@link Close}: orders in flight finish, for at most {@code within}, or
   * {@code close-timeout} when null) and answer with the {@link Summary} once closed. Unlike a second
   * {@link Close}, one that comes while the restaurant is closing stops nothing hard: it only waits for the summary.
   */
  public record CloseForSummary(Duration within, ActorRef<Summary> replyTo) implements Command {
    public CloseForSummary(ActorRef<Summary> replyTo) {
      this(null, replyTo);
    }
  }

  /** What became of an asked order. */
  public sealed interface OrderOutcome {
    /** The order's id (from 1), 0 for an order never taken in ({@link Refused}). */
    long orderId();
  }

  /**
   * Served at its table.
   *
   * @param latency wall time from being taken in to being served
   */
  public record Served(long orderId, Duration latency) implements OrderOutcome {}

  /** Taken in but not served: the close timeout, a hard stop, no staff of a role left... {@code reason} says which. */
  public record Cancelled(long orderId, String reason) implements OrderOutcome {}

  /** Never taken in: the restaurant was closing or closed (never counted as received). */
  public record Refused(String reason) implements OrderOutcome {
    @Override
    public long orderId() {
      return 0;
    }
  }

  /** A batch's outcomes, in the order placed. */
  public record OrdersOutcome(List<OrderOutcome> outcomes) {
    public OrdersOutcome {
      outcomes = List.copyOf(outcomes);
    }

    /** How many of them were served. */
    public long served() {
      return outcomes.stream().filter(Served.class::isInstance).count();
    }
  }

  private enum Tick implements Command {
    /** With a rate: let in the orders that have arrived. */
    INTAKE,
    /** The book has room again: take in orders waiting at the door. */
    TAKE_IN,
    CLOSE_TIMEOUT
  }

  private record StaffReport(Staff.Report report) implements Command {}

  /** A customer has finished eating; {@code at} is when, on the run's timeline. */
  private record CustomerDone(long orderId, long at) implements Command {}

  /**
   * What a run is wired to besides its settings.
   *
   * @param faults how staff fail (tests pass {@link Faults#failFirst})
   * @param listener receives every {@link RestaurantEvent}, or null
   * @param clock the run's clock in nanoseconds ({@code System::nanoTime}; a ManualTime test passes its own)
   * @param served set to the orders served so far (for a progress bar), or null
   * @param staysOpen whether the restaurant stays open once the settings' orders are done (and, with a rate, after
   *     the order window), taking asked orders ({@link PlaceOrder}) until it is closed; false: it closes by itself
   * @param tracer the run's trace ({@link Tracer#OFF} for none): staff steps, lifecycle, queues, customers eating
   */
  public record Options(Faults faults, ActorRef<RestaurantEvent> listener, LongSupplier clock, AtomicLong served,
      boolean staysOpen, Tracer tracer) {
    /** No trace; closes by itself. */
    public Options(Faults faults, ActorRef<RestaurantEvent> listener, LongSupplier clock, AtomicLong served) {
      this(faults, listener, clock, served, false, Tracer.OFF);
    }

    /** These options with the run traced to {@code tracer}. */
    public Options withTracer(Tracer tracer) {
      return new Options(faults, listener, clock, served, staysOpen, tracer);
    }

    public static Options of(RestaurantSettings settings) {
      return new Options(settings.faults(), null, System::nanoTime, null);
    }

    /** These options for a restaurant that stays open until closed (see {@link #staysOpen}). */
    public Options openUntilClosed() {
      return new Options(faults, listener, clock, served, true, tracer);
    }
  }

  /**
   * A restaurant that takes orders by ask ({@link PlaceOrder}, {@link PlaceOrders}) besides the settings' own
   * ({@code orders}, which may be 0) and stays open until it is closed ({@link CloseForSummary}, {@link Close}).
   *
   * @param settings the run's settings, e.g. {@code RestaurantSettings.defaults().withOrders(0)}
   * @param faults how staff fail ({@link Faults#NONE}, {@link Faults#failOn}...)
   * @param listener receives every {@link RestaurantEvent}, or null
   * @return the restaurant's behaviour, to spawn
   * @throws IllegalArgumentException if a fault aims at a member of staff these settings do not hire
   */
  public static Behavior<Command> serving(RestaurantSettings settings, Faults faults,
      ActorRef<RestaurantEvent> listener) {
    return create(settings, new Options(faults, listener, System::nanoTime, null).openUntilClosed());
  }

  /** The trace's process for the restaurant's actor system: every staff actor is a track in it. */
  public static final String TRACE_PROCESS = "restaurant (local actor system)";

  /** The orders of the run, with the settings' faults; no listener. */
  public static Behavior<Command> create(RestaurantSettings settings) {
    return create(settings, Options.of(settings));
  }

  /**
   * @param faults how staff fail (tests pass {@link Faults#failFirst})
   * @param listener receives every {@link RestaurantEvent}, or null
   */
  public static Behavior<Command> create(
      RestaurantSettings settings, Faults faults, ActorRef<RestaurantEvent> listener) {
    return create(settings, new Options(faults, listener, System::nanoTime, null));
  }

  /**
   * @param settings the run's settings ({@link RestaurantSettings#defaults()} and its withers, or from the config)
   * @param options faults, listener, clock and progress gauge
   * @return the restaurant's behaviour, to spawn
   * @throws IllegalArgumentException if a fault aims at a member of staff these settings do not hire
   */
  public static Behavior<Command> create(RestaurantSettings settings, Options options) {
    for (Faults.Target t : options.faults().targets()) {
      if (t.staff() != null && !hires(settings, t.staff())) {
        throw new IllegalArgumentException("a fault aims at '" + t.staff() + "', whom this restaurant does not hire: "
            + "its staff are worker-1.." + settings.workers() + ", delivery-1.." + settings.delivery()
            + ", retrieval-1.." + settings.retrieval());
      }
    }
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new Restaurant(ctx, timers, settings, options).open()));
  }

  private static boolean hires(RestaurantSettings settings, String name) {
    int[] counts = {settings.workers(), settings.delivery(), settings.retrieval()};
    for (Role role : ROLES) {
      for (int i = 1; i <= counts[role.ordinal()]; i++) if (role.memberName(i).equals(name)) return true;
    }
    return false;
  }

  /** A member of staff as the restaurant books it; compared by identity (the rosters key on it). */
  private static final class Member {
    final String name;
    final Role role;
    final ActorRef<Staff.Command> ref;
    long handled;
    int restarts;
    int overwork;
    boolean stopSent;
    boolean hardStopped;
    Exit exit;
    final Tracer.Track track;
    /** Its finished steps on the run's timeline: the utilisation and longest-idle columns. */
    final BusyTime busy = new BusyTime();
    /** Orders assigned in the current pump, sent as one message when it ends. */
    long[] batchIds = new long[4];
    long[] batchReady = new long[4];
    int batchSize;

    void addToBatch(long orderId, long readyAt) {
      if (batchSize == batchIds.length) {
        batchIds = java.util.Arrays.copyOf(batchIds, batchSize * 2);
        batchReady = java.util.Arrays.copyOf(batchReady, batchSize * 2);
      }
      batchIds[batchSize] = orderId;
      batchReady[batchSize++] = readyAt;
    }

    /** The batch as one message: a Task for one order, a TaskBatch for several. */
    Staff.Command takeBatch() {
      Staff.Command c = batchSize == 1 ? new Staff.Task(batchIds[0], batchReady[0])
          : new Staff.TaskBatch(java.util.Arrays.copyOf(batchIds, batchSize), java.util.Arrays.copyOf(batchReady, batchSize));
      batchSize = 0;
      return c;
    }

    Member(String name, Role role, ActorRef<Staff.Command> ref, Tracer.Track track) {
      this.name = name;
      this.role = role;
      this.ref = ref;
      this.track = track;
    }
  }

  private static final Role[] ROLES = Role.values();

  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;
  private final RestaurantSettings settings;
  private final ActorRef<RestaurantEvent> listener;
  private final LongSupplier clock;
  private final AtomicLong servedGauge;
  /** Whether per-order lines are wanted at all: nothing is built for a line nobody will see. */
  private final boolean traceOrders;
  private final boolean logOrders;
  private final Map<ActorRef<Staff.Command>, Member> staff = new LinkedHashMap<>();
  private final Map<String, Member> staffByName = new HashMap<>();
  @SuppressWarnings({"unchecked", "rawtypes"}) // an array per role, indexed by ordinal: no generic array in Java
  private final Roster<Member>[] rosters = new Roster[ROLES.length];
  private final int[] alive = new int[ROLES.length];
  private final List<ActorRef<Summary>> waiters = new ArrayList<>();
  private final List<Member> batched = new ArrayList<>();
  private final OrderBook book;
  private final Intake intake;
  private final int window;
  private final long eatingNanos;
  private final long startNanos;
  private final boolean staysOpen;
  private final AskBook asks = new AskBook();
  /** Orders placed by ask and taken in: received, though not planned by the settings. */
  private long asked;
  private final Tracer tracer;
  private final Tracer.Track track;
  private final Tracer.Track customers;
  /** Each role's step time (wall, scaled), nanoseconds: a Done's end minus this is the step's start. */
  private final long[] stepNanos = new long[ROLES.length];
  /** The queue counters last traced (a counter event only when one changes). */
  private final long[] tracedWaiting = {-1, -1, -1};
  private long tracedDishes = -1;

  private boolean takeInPending;
  private boolean overloaded;
  private boolean bookFullLogged;
  private String closedBy = "all orders done";
  private boolean closeTimedOut;
  private long closeDeadline;
  private long restarts, resent;

  private Restaurant(ActorContext<Command> ctx, TimerScheduler<Command> timers, RestaurantSettings settings,
      Options options) {
    this.ctx = ctx;
    this.timers = timers;
    this.settings = settings;
    this.listener = options.listener();
    this.clock = options.clock();
    this.servedGauge = options.served();
    this.logOrders = settings.logOrders();
    this.traceOrders = logOrders || ctx.getLog().isDebugEnabled();
    this.book = new OrderBook(settings.dishes());
    this.window = settings.bookWindow();
    this.eatingNanos = settings.scaled(settings.eatingTime()).toNanos();
    this.startNanos = clock.getAsLong();
    this.staysOpen = options.staysOpen();
    this.tracer = options.tracer();
    this.track = tracer.track(TRACE_PROCESS, "restaurant");
    this.customers = tracer.track(TRACE_PROCESS, "customers");
    stepNanos[Role.WORKER.ordinal()] = settings.scaled(settings.cookTime()).toNanos();
    stepNanos[Role.DELIVERY.ordinal()] = settings.scaled(settings.deliveryTime()).toNanos();
    stepNanos[Role.RETRIEVAL.ordinal()] = settings.scaled(settings.retrievalTime()).toNanos();
    this.intake = new Intake(settings.expectedOrders(), startNanos,
        settings.atRate() ? 1e9 / settings.rate() * settings.timeScale() : 0);
    ActorRef<Staff.Report> reports = ctx.messageAdapter(Staff.Report.class, StaffReport::new);
    Staff.Options staffOptions = new Staff.Options(options.faults(), logOrders, clock, tracer);
    for (Role role : ROLES) rosters[role.ordinal()] = new Roster<>(settings.rosterDepth(role));
    ctx.getLog().info("restaurant opens: {} worker(s), {} delivery, {} dish-retrieval, {} dishes; {}; time-scale {}",
        settings.workers(), settings.delivery(), settings.retrieval(), settings.dishes(),
        settings.atRate()
            ? settings.rate() + " orders/s for " + settings.duration().toMillis() + " ms (simulated)"
            : settings.orders() + (settings.orders() == 1 ? " order" : " orders") + " at once (taken in up to "
                + window + " at a time)",
        settings.timeScale());
    for (int i = 1; i <= settings.workers(); i++) {
      String name = Role.WORKER.memberName(i);
      hire(name, Role.WORKER, Worker.create(name, settings.scaled(settings.cookTime()),
          settings.scaled(settings.workInterval()), staffOptions, reports));
    }
    for (int i = 1; i <= settings.delivery(); i++) {
      String name = Role.DELIVERY.memberName(i);
      hire(name, Role.DELIVERY, Delivery.create(name, settings.scaled(settings.deliveryTime()), staffOptions, reports));
    }
    for (int i = 1; i <= settings.retrieval(); i++) {
      String name = Role.RETRIEVAL.memberName(i);
      hire(name, Role.RETRIEVAL,
          DishRetrieval.create(name, settings.scaled(settings.retrievalTime()), staffOptions, reports));
    }
  }

  private void hire(String name, Role role, Behavior<Staff.Command> behavior) {
    ActorRef<Staff.Command> ref = ctx.spawn(behavior, name);
    ctx.watch(ref); // the join: we get Terminated (or ChildFailed) when it is gone
    Member m = new Member(name, role, ref, tracer.track(TRACE_PROCESS, name));
    if (tracer.on()) {
      tracer.instant(m.track, "spawned", clock.getAsLong(), "role", role.label(), "thread",
          Thread.currentThread().getName());
    }
    staff.put(ref, m);
    staffByName.put(name, m);
    alive[role.ordinal()]++;
  }

  // ---- phase: open ----

  private Behavior<Command> open() {
    if (settings.atRate()) {
      // One timer tick lets in every order that has arrived since the last (each with its own arrival time).
      long periodNanos = Math.max((long) Math.ceil(1e9 / settings.rate() * settings.timeScale()),
          RestaurantSettings.SHORTEST_PERIOD.toNanos());
      ctx.getSelf().tell(Tick.INTAKE);
      timers.startTimerAtFixedRate(Tick.INTAKE, Tick.INTAKE, Duration.ofNanos(periodNanos));
    } else {
      takeIn(Intake.room(intake.waiting(startNanos), book.size(), window));
      if (intake.allTakenIn() && book.isEmpty() && !staysOpen) return stopStaff("all orders done", false);
    }
    return Behaviors.receive(Command.class)
        .onMessage(StaffReport.class, m -> {
          onReport(m.report(), true);
          return afterStepOpen();
        })
        .onMessage(CustomerDone.class, c -> {
          onCustomerDone(c, true);
          return afterStepOpen();
        })
        .onMessageEquals(Tick.INTAKE, this::onIntakeTick)
        .onMessageEquals(Tick.TAKE_IN, () -> {
          takeInPending = false;
          takeIn(Intake.room(intake.waiting(clock.getAsLong()), book.size(), window));
          return afterStepOpen();
        })
        .onMessage(Close.class, c -> {
          closedBy = "closed on request";
          doorCloses();
          return closing(c.within() == null ? settings.closeTimeout() : c.within(), true, c.replyTo());
        })
        .onMessage(Terminate.class, t -> {
          doorCloses();
          return hardStopAll("terminated (hard stop)");
        })
        .onMessage(HardStop.class, this::onHardStop)
        .onMessage(WhenClosed.class, this::onWhenClosed)
        .onMessage(PlaceOrder.class, p -> {
          Order o = takeInAsked();
          asks.awaitOne(o.id, p.replyTo()::tell);
          enter(o);
          pump(Role.WORKER);
          return afterStepOpen();
        })
        .onMessage(PlaceOrders.class, p -> {
          Order[] orders = new Order[p.count()];
          long[] ids = new long[p.count()];
          for (int i = 0; i < ids.length; i++) ids[i] = (orders[i] = takeInAsked()).id;
          asks.awaitAll(ids, outcomes -> p.replyTo().tell(new OrdersOutcome(outcomes)));
          for (Order o : orders) enter(o);
          pump(Role.WORKER);
          return afterStepOpen();
        })
        .onMessage(CloseForSummary.class, c -> {
          waiters.add(c.replyTo());
          closedBy = "closed on request";
          doorCloses();
          return closing(c.within() == null ? settings.closeTimeout() : c.within(), true, null);
        })
        .onSignal(Terminated.class, t -> {
          onChildGone(t, true);
          return afterStepOpen();
        })
        .build();
  }

  /** An asked order, taken in (its asker is registered before it can be settled). */
  private Order takeInAsked() {
    asked++;
    return book.takeIn(clock.getAsLong());
  }

  /** Once the door is closing: asked orders are refused, never taken in; a summary request just waits. */
  private Behavior<Command> refuseAsks(
      akka.actor.typed.javadsl.BehaviorBuilder<Command> phase, String why) {
    return refusingOrders(phase, why)
        .onMessage(CloseForSummary.class, c -> {
          waiters.add(c.replyTo());
          return Behaviors.same();
        })
        .build();
  }

  /** Asked orders answered {@code Refused(why)}, never taken in: once the door is closing, and once closed. */
  private static akka.actor.typed.javadsl.BehaviorBuilder<Command> refusingOrders(
      akka.actor.typed.javadsl.BehaviorBuilder<Command> phase, String why) {
    return phase
        .onMessage(PlaceOrder.class, p -> {
          p.replyTo().tell(new Refused(why));
          return Behaviors.same();
        })
        .onMessage(PlaceOrders.class, p -> {
          p.replyTo().tell(new OrdersOutcome(java.util.Collections.nCopies(p.count(), new Refused(why))));
          return Behaviors.same();
        });
  }

  /** After any step while open: done when every planned order is settled; else refill the book if it has room. */
  private Behavior<Command> afterStepOpen() {
    if (book.isEmpty() && intake.allTakenIn()) {
      return settings.atRate() || staysOpen ? Behaviors.same() : stopStaff("all orders done", false);
    }
    if (!takeInPending && book.size() <= window / 2 && intake.waiting(settings.atRate() ? clock.getAsLong() : 0) > 0) {
      // A message to self, not a loop here: the actor stays responsive (to Close) between chunks.
      takeInPending = true;
      ctx.getSelf().tell(Tick.TAKE_IN);
    }
    return Behaviors.same();
  }

  private Behavior<Command> onIntakeTick() {
    long now = clock.getAsLong();
    long waiting = intake.waiting(now);
    long n = Intake.room(waiting, book.size(), window);
    takeIn(n);
    if (waiting > n && !bookFullLogged) {
      bookFullLogged = true; // a warm-up or a burst may catch up; whether it did is known when the door closes
      ctx.getLog().info("the book is full ({} orders in flight): orders arriving now wait at the door", book.size());
    }
    if (intake.arrivedBy(now) < intake.planned()) return Behaviors.same();
    if (staysOpen) { // open until closed: the window's end only ends the arrivals
      timers.cancel(Tick.INTAKE);
      return Behaviors.same();
    }
    ctx.getLog().info("order window over after {} orders: closing", intake.takenIn());
    closedBy = "order window over";
    doorCloses();
    return closing(settings.closeTimeout(), false, null);
  }

  /**
   * Leaving the open phase: orders not taken in by now never will be. With a rate, orders that had arrived and
   * still wait at the door mean the run was overloaded (the staff and dishes did not keep up with the rate).
   */
  private void doorCloses() {
    if (!settings.atRate()) return;
    long left = intake.waiting(clock.getAsLong());
    if (left == 0) return;
    overloaded = true;
    ctx.getLog().warn("overloaded: {} orders that arrived still wait at the door and are not taken in"
        + " (the staff and dishes did not keep up with the rate)", left);
  }

  /** Takes in {@code n} orders from the door and hands them to the kitchen. */
  private void takeIn(long n) {
    for (long i = 0; i < n; i++) enter(book.takeIn(intake.takeNext()));
    pump(Role.WORKER);
  }

  /** An order just taken in goes to the workers' queue (handed out by the next pump). */
  private void enter(Order o) {
    publish(o.id, Stage.RECEIVED);
    if (traceOrders) logOrder("order {} received", o.id);
    if (alive[Role.WORKER.ordinal()] == 0) settle(o, "no worker staff left");
    else rosters[Role.WORKER.ordinal()].submit(o.id);
  }

  // ---- phase: closing ----

  /**
   * Closing: no more orders are taken in; those in flight finish within {@code within}, or are cancelled.
   *
   * @param onRequest whether a close was requested (a second request is then a hard stop) rather than the order
   *     window ending
   */
  private Behavior<Command> closing(Duration within, boolean onRequest, ActorRef<Closing> ack) {
    timers.cancel(Tick.INTAKE);
    long now = clock.getAsLong();
    long deadline = now + within.toNanos();
    // Closing again while closing (Ctrl-C after the order window ended): the earlier deadline wins.
    if (closeDeadline != 0 && closeDeadline - deadline < 0) deadline = closeDeadline;
    closeDeadline = deadline;
    Duration left = Duration.ofNanos(Math.max(0, deadline - now));
    if (onRequest) {
      ctx.getLog().info("closing: no more orders taken; {} order(s) in flight may take up to {} ms",
          book.size(), left.toMillis());
    }
    if (ack != null) ack.tell(new Closing(book.size(), left, false));
    if (book.isEmpty()) return stopStaff(book.received() == 0 ? "no orders" : "all orders done", onRequest);
    timers.startSingleTimer(Tick.CLOSE_TIMEOUT, Tick.CLOSE_TIMEOUT, left);
    return refuseAsks(Behaviors.receive(Command.class)
        .onMessage(StaffReport.class, m -> {
          onReport(m.report(), true);
          return afterStepClosing(onRequest);
        })
        .onMessage(CustomerDone.class, c -> {
          onCustomerDone(c, true);
          return afterStepClosing(onRequest);
        })
        .onMessageEquals(Tick.CLOSE_TIMEOUT, () -> onCloseTimeout(onRequest))
        .onMessage(Close.class, c -> {
          if (!onRequest) {
            closedBy = "closed on request";
            return closing(c.within() == null ? settings.closeTimeout() : c.within(), true, c.replyTo());
          }
          if (c.replyTo() != null) c.replyTo().tell(new Closing(book.size(), Duration.ZERO, true));
          return hardStopAll("stopped on a second close request (hard stop)");
        })
        .onMessage(Terminate.class, t -> hardStopAll("terminated (hard stop)"))
        .onMessage(HardStop.class, this::onHardStop)
        .onMessage(WhenClosed.class, this::onWhenClosed)
        .onSignal(Terminated.class, t -> {
          onChildGone(t, true);
          return afterStepClosing(onRequest);
        })
        .onMessageEquals(Tick.INTAKE, Behaviors::same) // the door is closed: intake still queued is moot
        .onMessageEquals(Tick.TAKE_IN, Behaviors::same), "the restaurant is closing");
  }

  private Behavior<Command> afterStepClosing(boolean onRequest) {
    return book.isEmpty() ? stopStaff("all orders done", onRequest) : Behaviors.same();
  }

  private Behavior<Command> onCloseTimeout(boolean onRequest) {
    closeTimedOut = true;
    ctx.getLog().warn("close timeout: {} order(s) still in flight; those not yet served are cancelled", book.size());
    for (Role role : ROLES) {
      for (long id : rosters[role.ordinal()].drainWaiting()) {
        Order o = book.get(id);
        if (o != null) settle(o, "close timeout");
      }
    }
    for (Order o : book.cancelWaitingForDish()) cancelled(o, "close timeout");
    return stopStaff(book.size() + " order(s) still in hand", onRequest);
  }

  // ---- phase: stopping ----

  /**
   * Every staff actor gets Stop: it finishes its work in hand, reports and stops itself.
   *
   * @param closeRequested whether a close was requested already (the next request is then a hard stop)
   */
  private Behavior<Command> stopStaff(String why, boolean closeRequested) {
    timers.cancel(Tick.INTAKE);
    timers.cancel(Tick.CLOSE_TIMEOUT);
    List<Member> live = live();
    ctx.getLog().info("{}: sending Stop to {} staff actor(s)", why, live.size());
    for (Member m : live) {
      m.stopSent = true;
      m.ref.tell(Staff.Stop.INSTANCE);
    }
    return live.isEmpty() ? finish() : stopping(false, closeRequested);
  }

  /** Every staff actor is stopped now (a process's terminate()); unserved orders are cancelled. */
  private Behavior<Command> hardStopAll(String why) {
    closedBy = why;
    ctx.getLog().warn("{}: every staff actor is stopped now; unserved orders are cancelled", why);
    timers.cancelAll();
    List<Member> live = live();
    for (Member m : live) {
      m.hardStopped = true;
      if (tracer.on()) {
        tracer.instant(m.track, "hard stop", clock.getAsLong(), "why", why, "thread", Thread.currentThread().getName());
      }
      ctx.stop(m.ref);
    }
    return live.isEmpty() ? finish() : stopping(true, true);
  }

  /**
   * Waiting for every staff actor to be gone; orders go no further than the step in hand.
   *
   * @param hard whether they were stopped hard (then nothing is left to stop)
   * @param closeRequested whether a close was requested: a (further) close request is then a hard stop
   */
  private Behavior<Command> stopping(boolean hard, boolean closeRequested) {
    return refuseAsks(Behaviors.receive(Command.class)
        .onMessage(StaffReport.class, m -> {
          onReport(m.report(), false);
          return Behaviors.same();
        })
        .onMessage(CustomerDone.class, c -> {
          onCustomerDone(c, false);
          return Behaviors.same();
        })
        .onMessage(Close.class, c -> {
          if (hard) {
            if (c.replyTo() != null) c.replyTo().tell(new Closing(book.size(), Duration.ZERO, true));
            return Behaviors.same();
          }
          if (!closeRequested) {
            // The first request comes while the staff finish their last orders: that is closing already.
            if (c.replyTo() != null) c.replyTo().tell(new Closing(book.size(), Duration.ZERO, false));
            return stopping(false, true);
          }
          if (c.replyTo() != null) c.replyTo().tell(new Closing(book.size(), Duration.ZERO, true));
          return hardStopAll("stopped on a second close request (hard stop)");
        })
        .onMessage(Terminate.class, t -> hard ? Behaviors.same() : hardStopAll("terminated (hard stop)"))
        .onMessage(HardStop.class, this::onHardStop)
        .onMessage(WhenClosed.class, this::onWhenClosed)
        .onSignal(Terminated.class, t -> {
          onChildGone(t, false);
          return live().isEmpty() ? finish() : Behaviors.same();
        })
        .onMessageEquals(Tick.INTAKE, Behaviors::same) // timers and intake still queued are moot now
        .onMessageEquals(Tick.TAKE_IN, Behaviors::same)
        .onMessageEquals(Tick.CLOSE_TIMEOUT, Behaviors::same), "the restaurant is closing");
  }

  // ---- phase: closed ----

  private Behavior<Command> finish() {
    timers.cancelAll();
    // Nothing is silently lost: whatever is still in the book is settled and counted here.
    for (Order o : book.settleAll()) {
      if (o.stage == Stage.CANCELLED) cancelled(o, "restaurant closed");
    }
    asks.settleRest(id -> new Cancelled(id, "restaurant closed")); // none expected: every order was settled above
    long wallNanos = clock.getAsLong() - startNanos;
    long endNanos = startNanos + wallNanos;
    List<Summary.StaffReport> reports = staff.values().stream()
        .map(m -> new Summary.StaffReport(m.name, m.role.label(), m.handled, m.overwork, m.restarts,
            m.exit == null ? "on shift" : m.exit.label(),
            Math.round(m.busy.utilisation(startNanos, endNanos) * 10_000) / 10_000.0,
            Math.round(m.busy.longestIdleNanos(startNanos, endNanos) / 1000.0) / 1000.0))
        .toList();
    // "all orders done" is not the word for a run where every order ended cancelled.
    if (closedBy.equals("all orders done") && book.served() == 0 && book.cancelled() > 0) {
      closedBy = "every order cancelled";
    }
    double perSecond = wallNanos <= 0 ? 0 : Math.round(book.served() / (wallNanos / 1e9) * 10) / 10.0;
    Summary summary = new Summary(book.received(), book.cooked(), book.served(), book.cancelled(), book.retrieved(),
        reports, book.latency(), wallNanos / 1_000_000, perSecond,
        book.dishesLeft(), restarts, resent, closeTimedOut, closedBy, intake.planned() + asked, overloaded,
        book.peakInFlight());
    ctx.getLog().info("restaurant closed ({}): {} received of {} planned, {} served, {} cancelled, {} dishes back",
        closedBy, book.received(), intake.planned() + asked, book.served(), book.cancelled(), book.retrieved());
    if (servedGauge != null) servedGauge.set(book.served());
    if (listener != null) listener.tell(new RestaurantEvent.Closed(summary));
    for (ActorRef<Summary> w : waiters) w.tell(summary);
    waiters.clear();
    return closed(summary);
  }

  /** After closing: the summary for whoever asks; everything else is moot. */
  private static Behavior<Command> closed(Summary summary) {
    return refusingOrders(Behaviors.receive(Command.class), "the restaurant is closed")
        .onMessage(WhenClosed.class, w -> {
          w.replyTo().tell(summary);
          return Behaviors.same();
        })
        .onMessage(Close.class, c -> {
          if (c.replyTo() != null) c.replyTo().tell(new Closing(0, Duration.ZERO, true));
          return Behaviors.same();
        })
        .onMessage(CloseForSummary.class, c -> {
          c.replyTo().tell(summary);
          return Behaviors.same();
        })
        .onAnyMessage(m -> Behaviors.same())
        .build();
  }

  // ---- the steps of an order, shared by the phases; goOn = false once stopping (orders go no further) ----

  private void onReport(Staff.Report report, boolean goOn) {
    if (report instanceof Staff.Done d) {
      onDone(d.name(), d.orderId(), d.at(), goOn);
      if (goOn) pumpAll();
    } else if (report instanceof Staff.DoneBatch b) {
      for (int i = 0; i < b.orderIds().length; i++) onDone(b.name(), b.orderIds()[i], b.at()[i], goOn);
      if (goOn) pumpAll(); // after the whole batch: the next steps' orders go out in batches too
    } else if (report instanceof Staff.Ready r) {
      onReady(r, goOn);
    } else if (report instanceof RestaurantEvent e) {
      if (listener != null) listener.tell(e);
      if (e instanceof RestaurantEvent.Overworked w) {
        Member m = staffByName.get(w.staff());
        if (m != null) m.overwork = w.count();
      }
    }
  }

  private void onReady(Staff.Ready r, boolean goOn) {
    Member m = staffByName.get(r.name());
    if (m == null || m.exit != null) return;
    Roster<Member> roster = rosters[m.role.ordinal()];
    if (r.restarts() == 0) {
      roster.join(m);
    } else {
      // A restarted actor has lost whatever it held: that is how we know to re-send it.
      m.restarts = r.restarts();
      restarts++;
      List<Long> lost = roster.restarted(m);
      // Back to the front of the queue in their order: the oldest ends up first.
      for (int i = lost.size() - 1; i >= 0; i--) requeue(m.role, lost.get(i), m.name + " restarted", goOn);
      if (m.stopSent) m.ref.tell(Staff.Stop.INSTANCE); // the fresh incarnation has not heard it
    }
    if (goOn) pump(m.role);
  }

  /** One task reported done: the order moves on to its next step's queue (the caller then hands work out). */
  private void onDone(String staffName, long orderId, long at, boolean goOn) {
    Member m = staffByName.get(staffName); // by name: its hash is cached, the string is the one we gave it
    if (m == null || m.exit != null) {
      // Gone before we read this: its order was already re-queued or cancelled when it left.
      ctx.getLog().debug("late Done for order {} from {} ignored", orderId, staffName);
      return;
    }
    boolean held = rosters[m.role.ordinal()].done(m, orderId);
    m.handled++;
    m.busy.add(at - stepNanos[m.role.ordinal()], at);
    Order o = book.get(orderId);
    if (!held || o == null) {
      ctx.getLog().warn("{} reported order {} it was not holding: ignored", staffName, orderId);
      return;
    }
    switch (m.role) {
      case WORKER -> cooked(o, at, goOn);
      case DELIVERY -> delivered(o, at, goOn);
      case RETRIEVAL -> dishBack(o, at, goOn);
    }
  }

  private void cooked(Order o, long at, boolean goOn) {
    if (!goOn) {
      book.cookedAfterClosing(o);
      cancelled(o, "cooked after closing time");
      return;
    }
    publish(o.id, Stage.COOKED);
    if (book.cooked(o, at)) {
      submit(Role.DELIVERY, o);
    } else {
      if (traceOrders) logOrder("order {} is cooked and waits for a clean dish", o.id);
      publish(o.id, Stage.WAITING_FOR_DISH);
    }
  }

  private void delivered(Order o, long at, boolean goOn) {
    long now = clock.getAsLong();
    book.served(o, at, now - o.arrivedAt);
    if (servedGauge != null) servedGauge.lazySet(book.served());
    publish(o.id, Stage.SERVED);
    asks.settle(new Served(o.id, Duration.ofNanos(now - o.arrivedAt)));
    if (traceOrders) logOrder("order {} served at its table, {} ms after it came in", o.id, (now - o.arrivedAt) / 1_000_000);
    if (!goOn) {
      book.leaveDish(o);
      return;
    }
    if (tracer.on()) tracer.asyncBegin(customers, "customers", "eating", o.id, at);
    long due = at + eatingNanos;
    if (eatingNanos == 0 || due - now <= 0) {
      eaten(o, due, true); // already over on the run's timeline: no timer
    } else {
      CustomerDone done = new CustomerDone(o.id, due);
      timers.startSingleTimer(done, done, Duration.ofNanos(due - now));
    }
  }

  private void onCustomerDone(CustomerDone c, boolean goOn) {
    Order o = book.get(c.orderId());
    if (o == null || o.stage != Stage.SERVED) return;
    eaten(o, c.at(), goOn);
    if (goOn) pump(Role.RETRIEVAL);
  }

  private void eaten(Order o, long at, boolean goOn) {
    book.eaten(o, at);
    if (tracer.on()) tracer.asyncEnd(customers, "customers", "eating", o.id, at);
    publish(o.id, Stage.EATEN);
    if (traceOrders) logOrder("customer of order {} has eaten: dish to collect", o.id);
    if (goOn) submit(Role.RETRIEVAL, o);
    else book.leaveDish(o);
  }

  private void dishBack(Order o, long at, boolean goOn) {
    Order next = book.dishBack(o, at);
    publish(o.id, Stage.DISH_RETURNED);
    if (next != null && goOn) submit(Role.DELIVERY, next);
  }

  /** Queue the order for a role (handed out by the next pump), or settle it when nobody of that role is left. */
  private void submit(Role role, Order o) {
    if (alive[role.ordinal()] == 0) {
      settle(o, "no " + role.label() + " staff left");
      return;
    }
    rosters[role.ordinal()].submit(o.id);
  }

  private void pumpAll() {
    for (Role role : ROLES) pump(role);
  }

  /**
   * Hands waiting orders to staff of the role with room: each a tell, like executor.submit; the orders one member
   * gets in one go travel in one message.
   */
  private void pump(Role role) {
    Roster<Member> roster = rosters[role.ordinal()];
    if (!roster.canAssign()) return;
    Stage stage = switch (role) {
      case WORKER -> Stage.COOKING;
      case DELIVERY -> Stage.DELIVERING;
      case RETRIEVAL -> Stage.COLLECTING;
    };
    while (roster.canAssign()) {
      long id = roster.peekWaiting();
      Member member = roster.assignNext();
      Order o = book.get(id);
      if (o == null) {
        roster.done(member, id); // settled while it waited: nothing to send
        continue;
      }
      book.handedOver(o, stage);
      publish(id, stage);
      if (member.batchSize == 0) batched.add(member);
      member.addToBatch(id, o.readyAt);
    }
    for (Member m : batched) m.ref.tell(m.takeBatch());
    batched.clear();
    if (tracer.on()) traceQueues();
  }

  /** The queues as counters: orders waiting per role, clean dishes; written only when a value changed. */
  private void traceQueues() {
    boolean changed = false;
    for (Role r : ROLES) {
      long n = rosters[r.ordinal()].waitingCount();
      if (n != tracedWaiting[r.ordinal()]) changed = true;
      tracedWaiting[r.ordinal()] = n;
    }
    long now = clock.getAsLong();
    if (changed) {
      tracer.counter(track, "orders waiting", now, Role.WORKER.step(), tracedWaiting[0], Role.DELIVERY.step(),
          tracedWaiting[1], Role.RETRIEVAL.step(), tracedWaiting[2]);
    }
    long dishes = book.cleanDishes();
    if (dishes != tracedDishes) {
      tracedDishes = dishes;
      tracer.counter(track, "clean dishes", now, "clean", dishes);
    }
  }

  /** An order lost in a failed or stopped actor's hands goes back to the front of its queue. */
  private void requeue(Role role, long orderId, String why, boolean goOn) {
    Order o = book.get(orderId);
    if (o == null) return;
    if (goOn && alive[role.ordinal()] > 0) {
      resent++;
      if (logOrders) ctx.getLog().warn("order {} re-sent to the {} queue: {}", orderId, role.label(), why);
      else ctx.getLog().debug("order {} re-sent to the {} queue: {}", orderId, role.label(), why);
      rosters[role.ordinal()].resubmit(orderId);
      pump(role);
    } else {
      settle(o, why + ", and nobody can take it over");
    }
  }

  /** Nobody will do the order's next step: cancelled if not served yet, else its dish stays on the table. */
  private void settle(Order o, String why) {
    boolean served = OrderBook.isServed(o);
    book.giveUp(o);
    if (!served) cancelled(o, why);
  }

  private void cancelled(Order o, String why) {
    publish(o.id, Stage.CANCELLED);
    asks.settle(new Cancelled(o.id, why));
    if (traceOrders) logOrder("order {} cancelled: {}", o.id, why);
  }

  // ---- staff: children gone, hard stops ----

  /** The join: a child is gone, and we say why. */
  private void onChildGone(Terminated t, boolean goOn) {
    @SuppressWarnings("unchecked")
    Member m = staff.get((ActorRef<Staff.Command>) (ActorRef<?>) t.getRef());
    if (m == null || m.exit != null) return;
    String detail;
    if (t instanceof ChildFailed f) {
      m.exit = Exit.FAILED;
      detail = "failed: " + f.getCause();
    } else if (m.hardStopped) {
      m.exit = Exit.HARD_STOP;
      detail = "hard stop (context.stop), the orders in its hands go to the others";
    } else if (m.stopSent) {
      m.exit = Exit.RETIRED;
      detail = "retired after Stop";
    } else {
      m.exit = Exit.UNEXPECTED;
      detail = "stopped without being asked";
    }
    int r = m.role.ordinal();
    alive[r]--;
    if (tracer.on()) {
      tracer.instant(m.track, "supervisor saw Terminated", clock.getAsLong(), "exit", m.exit.label(), "detail", detail,
          "thread", Thread.currentThread().getName());
    }
    String handled = m.handled == 1 ? "handled 1 task" : "handled " + m.handled + " tasks";
    if (m.exit == Exit.RETIRED) ctx.getLog().info("{} is gone: {} ({})", m.name, detail, handled);
    else ctx.getLog().warn("{} is gone: {} ({})", m.name, detail, handled);
    if (listener != null) listener.tell(new RestaurantEvent.StaffGone(m.name, m.role, m.exit, detail));
    List<Long> held = rosters[r].leave(m);
    for (int i = held.size() - 1; i >= 0; i--) requeue(m.role, held.get(i), m.name + " is gone", goOn);
    if (alive[r] == 0 && goOn) {
      List<Long> stranded = rosters[r].drainWaiting();
      if (!stranded.isEmpty()) {
        ctx.getLog().warn("no {} staff left: {} waiting order(s) cannot go on", m.role.label(), stranded.size());
      }
      String why = "no " + m.role.label() + " staff left";
      for (long id : stranded) {
        Order o = book.get(id);
        if (o != null) settle(o, why);
      }
      if (m.role == Role.DELIVERY) {
        for (Order o : book.cancelWaitingForDish()) cancelled(o, why);
      }
    }
  }

  private Behavior<Command> onHardStop(HardStop h) {
    Member m = staffByName.get(h.staffName());
    if (m == null || m.exit != null || m.hardStopped) {
      ctx.getLog().warn("hard stop of '{}' ignored: no such staff actor on shift", h.staffName());
      return Behaviors.same();
    }
    ctx.getLog().warn("hard stop of {} (its order in hand goes back to the queue)", m.name);
    m.hardStopped = true;
    if (tracer.on()) {
      tracer.instant(m.track, "hard stop", clock.getAsLong(), "why", "hard stop of " + m.name, "thread",
          Thread.currentThread().getName());
    }
    ctx.stop(m.ref);
    return Behaviors.same();
  }

  private List<Member> live() {
    return staff.values().stream().filter(m -> m.exit == null).toList();
  }

  private Behavior<Command> onWhenClosed(WhenClosed w) {
    waiters.add(w.replyTo());
    return Behaviors.same();
  }

  private void publish(long orderId, Stage stage) {
    if (listener != null) listener.tell(new RestaurantEvent.OrderUpdate(orderId, stage));
  }

  private void logOrder(String format, Object... args) {
    if (logOrders) ctx.getLog().info(format, args);
    else ctx.getLog().debug(format, args);
  }
}
