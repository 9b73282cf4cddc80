package brigade.restaurant;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * How staff "drop the plate" on purpose. Three kinds, which may be combined:
 * <ul>
 *   <li>{@code rate}: each task a staff actor finishes throws with this probability, drawn from a coin seeded per
 *       actor (so a faulty run repeats);</li>
 *   <li>{@code failFirst}: the first n tasks of <em>every</em> staff actor throw;</li>
 *   <li>{@code targets}: aimed faults, e.g. {@code Faults.failOn("worker-2", 1)}: worker-2's first task throws, and
 *       nobody else's ({@link #failOn(String, int)}, {@link #failOn(Staff.Role, int)}).</li>
 * </ul>
 * A task is counted per actor from 1, in the order it finishes them, across its restarts: the task that throws is
 * counted too, so {@code failOn("worker-2", 1)} fails once, and the order goes back to the restaurant and is served.
 */
public record Faults(double rate, long seed, int failFirst, List<Target> targets) {
  public static final Faults NONE = new Faults(0, 0, 0);

  /**
   * One aimed fault: the {@code task}-th task of the staff member named {@code staff} (e.g. "worker-2"), or of every
   * member of {@code role}, throws. Exactly one of staff and role is set.
   */
  public record Target(String staff, Staff.Role role, int task) {
    public Target {
      if ((staff == null) == (role == null)) throw new IllegalArgumentException("name a staff member or a role, not both");
      if (staff != null && staff.isBlank()) throw new IllegalArgumentException("staff name must not be blank");
      if (task < 1) throw new IllegalArgumentException("task must be >= 1 (the first task is 1): " + task);
    }

    boolean hits(String name, Staff.Role memberRole, int taskNumber) {
      return taskNumber == task && (staff != null ? staff.equals(name) : role == memberRole);
    }
  }

  /**
   * @throws IllegalArgumentException if rate is outside [0, 1) or failFirst is negative
   */
  public Faults {
    if (rate < 0 || rate >= 1) throw new IllegalArgumentException("fault rate must be in [0, 1): " + rate);
    if (failFirst < 0) throw new IllegalArgumentException("failFirst must be >= 0: " + failFirst);
    targets = List.copyOf(targets);
  }

  /** Faults at a rate and for every actor's first tasks, none aimed. */
  public Faults(double rate, long seed, int failFirst) {
    this(rate, seed, failFirst, List.of());
  }

  /**
   * @param n how many of its first tasks every staff actor fails, >= 0
   * @return faults that make every member of staff fail its first n tasks
   */
  public static Faults failFirst(int n) {
    return new Faults(0, 0, n);
  }

  /**
   * @param staffName the member's actor name: "worker-1".., "delivery-1".., "retrieval-1"..
   * @param task which of its tasks throws, counted from 1 in the order it finishes them
   * @return faults that make only that member fail only that task
   * @throws IllegalArgumentException if the name is blank or task is below 1
   */
  public static Faults failOn(String staffName, int task) {
    return NONE.andFailOn(staffName, task);
  }

  /**
   * @param role the role whose every member fails
   * @param task which of each member's tasks throws, counted from 1
   * @return faults that make each member of that role (and no one else) fail that task
   * @throws IllegalArgumentException if task is below 1
   */
  public static Faults failOn(Staff.Role role, int task) {
    return NONE.andFailOn(role, task);
  }

  /** @return these faults and also {@link #failOn(String, int)} */
  public Faults andFailOn(String staffName, int task) {
    return plus(new Target(Objects.requireNonNull(staffName, "staffName"), null, task));
  }

  /** @return these faults and also {@link #failOn(Staff.Role, int)} */
  public Faults andFailOn(Staff.Role role, int task) {
    return plus(new Target(null, Objects.requireNonNull(role, "role"), task));
  }

  private Faults plus(Target t) {
    List<Target> more = new ArrayList<>(targets);
    more.add(t);
    return new Faults(rate, seed, failFirst, more);
  }

  /** A coin for one actor. Mutable: owned by that actor alone, kept across its restarts. */
  Coin coin(String actorName, Staff.Role role) {
    return new Coin(this, actorName, role, new Random(seed * 31 + actorName.hashCode()));
  }

  static final class Coin {
    private final Faults faults;
    private final String name;
    private final Staff.Role role;
    private final Random random;
    private int tosses;

    private Coin(Faults faults, String name, Staff.Role role, Random random) {
      this.faults = faults;
      this.name = name;
      this.role = role;
      this.random = random;
    }

    /** Tossed once per finished task: true means the task fails now. */
    boolean fails() {
      tosses++;
      if (tosses <= faults.failFirst) return true;
      for (Target t : faults.targets) if (t.hits(name, role, tosses)) return true;
      return faults.rate > 0 && random.nextDouble() < faults.rate;
    }
  }
}
