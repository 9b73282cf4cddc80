package brigade.cli;

import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) for a command that wants two steps: the first interrupt asks the work to wind down, the
 * second asks it to stop now. The JVM's own Ctrl-C handling cannot do that: it starts the shutdown hooks on the
 * first SIGINT and ignores every later one while they run. So a command installs its callbacks here for the
 * length of its run; {@link #close()} puts the previous handling back. SIGTERM is left alone (it still runs the
 * JVM's shutdown hooks).
 *
 * <pre>
 * try (Interrupts ctrlC = Interrupts.install(() -&gt; job.close(), () -&gt; job.stopNow())) {
 *   ... the run ...
 *   if (ctrlC.count() &gt; 0) return Main.EXIT_INTERRUPTED;
 * }
 * </pre>
 *
 * <p>Callbacks run on the JVM's signal thread (a fresh thread per signal), never on the command's thread: they
 * should only send a message or complete a future. A third and later Ctrl-C calls {@code second} again. Where
 * the platform offers no SIGINT handling (an embedded JVM started with {@code -Xrs}), {@link #install} still
 * returns an object, with {@link #active()} false, and Ctrl-C keeps the JVM's default behaviour; the same when
 * SIGINT was ignored when the JVM started (a script's background job, {@code nohup}): it stays ignored.
 */
public final class Interrupts implements AutoCloseable {
  private static final String SIGINT = "INT";

  private final AtomicInteger count = new AtomicInteger();
  private final Runnable first;
  private final Runnable second;
  private final Signal signal;
  private final SignalHandler previous;

  private Interrupts(Runnable first, Runnable second) {
    this.first = first;
    this.second = second;
    Signal s = null;
    SignalHandler p = null;
    try {
      s = new Signal(SIGINT);
      p = Signal.handle(s, sig -> onSignal());
      // Ignored when the JVM started (a background job of a script, nohup): the JVM keeps it ignored, as asked.
      if (p == SignalHandler.SIG_IGN) s = null;
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      s = null; // no SIGINT here: the JVM's default stays
    }
    this.signal = s;
    this.previous = p;
  }

  /**
   * Handles Ctrl-C until {@link #close()}.
   *
   * @param first run on the first Ctrl-C (e.g. close gracefully)
   * @param second run on the second and every later Ctrl-C (e.g. stop now)
   * @return the installed handler; close it when the run is over
   */
  public static Interrupts install(Runnable first, Runnable second) {
    return new Interrupts(first, second);
  }

  private void onSignal() {
    if (count.incrementAndGet() == 1) first.run();
    else second.run();
  }

  /** Tests and embedders: behave as if Ctrl-C was pressed once more. */
  public void interrupt() {
    onSignal();
  }

  /** @return how many times Ctrl-C was pressed since {@link #install} */
  public int count() {
    return count.get();
  }

  /** @return whether Ctrl-C is really routed here (false where SIGINT cannot be handled) */
  public boolean active() {
    return signal != null;
  }

  /** Puts the previous Ctrl-C handling (normally the JVM's shutdown) back. */
  @Override
  public void close() {
    if (signal != null && previous != null) Signal.handle(signal, previous);
  }
}
