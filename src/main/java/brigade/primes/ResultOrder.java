package brigade.primes;

import java.util.Locale;

/**
 * The order a job hands its results to the sink (the CSV): {@code brigade.primes.order}, {@code --order}.
 */
public enum ResultOrder {
  /**
   * Input order, as {@code executor.map} / {@code Pool.map} give them: a batch answered early waits (in the
   * coordinator's window) for the batches before it. A partial output is always a prefix of the input.
   */
  INPUT,
  /**
   * Completion order, as {@code as_completed} gives them: each batch goes to the sink as soon as it is answered
   * (its own numbers still in input order), so nothing waits behind a slow batch. A partial output holds every batch
   * answered so far, not a prefix: a slow batch's numbers may be missing between later ones.
   */
  COMPLETION;

  /** The setting's word: "input" or "completion". */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
