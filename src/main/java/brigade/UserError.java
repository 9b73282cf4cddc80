package brigade;

/**
 * Something the user gave us is wrong: a flag, a setting, an input file. The CLI prints the message as one
 * line (no stack trace) and exits with {@link #EXIT_CODE}. The message must name the value and what is allowed.
 */
public class UserError extends RuntimeException {
  public static final int EXIT_CODE = 2;

  public UserError(String message) {
    super(message, null, false, false);
  }
}
