package brigade.report;

/** Why a file could not be read or written, in words ("permission denied"), never only the file's own name. */
public final class IoReason {
  private IoReason() {}

  /**
   * @param e what the file system said
   * @return its reason: the operating system's words where it gave them ("No space left on device"), else words
   *     for the kind of failure
   */
  public static String of(Exception e) {
    if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
    if (e instanceof java.nio.file.NoSuchFileException) return "no such file or directory";
    if (e instanceof java.nio.file.FileAlreadyExistsException) return "a file of that name exists";
    if (e instanceof java.nio.file.FileSystemException f) {
      return f.getReason() != null ? f.getReason() : "the file system does not allow it there";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
