package brigade.config;

import akka.actor.BootstrapSetup;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Optional;

/**
 * Akka's {@code reference.conf} settings, as {@link ConfigFactory#defaultReference()} gives them (system properties
 * over every {@code reference.conf} on the class path, resolved), but parsed without their comment lines.
 *
 * <p>Why: the shaded jar's merged {@code reference.conf} is 173 KB, 78% of it whole-line comments, and every run
 * parses it in cold code at start (about a third of a second of a core, on the path to the actor system). A line
 * whose first non-blank characters are {@code #} or {@code //} is a comment in HOCON wherever it appears, except
 * inside a triple-quoted string, so a file holding {@code """} is parsed whole. Comment lines become empty lines,
 * so an origin's line number (in an error message) is the file's own.
 *
 * <p>Akka lays {@code ConfigFactory.defaultReference(loader)} under the config a system is created with, which would
 * parse every file again, whole; {@link #bootstrap} hides them from it.
 */
public final class ReferenceConfig {
  static final String RESOURCE = "reference.conf";
  /** A key every Akka reference config sets: its presence says a config holds the reference settings. */
  private static final String AKKA_VERSION = "akka.version";

  private ReferenceConfig() {}

  /** Parsed once, on first use; a failed parse is not kept, so every caller meets the error itself. */
  private static volatile Config reference;

  /**
   * The reference settings of the calling thread's context class loader (as {@link ConfigFactory#defaultReference()}
   * looks them up), parsed on first use and then kept for the JVM (thread-safe: a second caller waits for the first's
   * parse).
   *
   * @return system properties over Akka's reference settings, resolved
   * @throws ConfigException if a {@code reference.conf} does not parse or resolve (thrown again on a later call)
   * @throws UncheckedIOException if a {@code reference.conf} cannot be read
   */
  public static Config get() {
    Config r = reference;
    if (r == null) {
      synchronized (ReferenceConfig.class) {
        r = reference;
        if (r == null) {
          ClassLoader context = Thread.currentThread().getContextClassLoader();
          reference = r = load(context != null ? context : ReferenceConfig.class.getClassLoader());
        }
      }
    }
    return r;
  }

  /**
   * The setup to create an actor system with on a config that already holds the reference settings (as
   * {@link BrigadeConfig#load} returns it): its class loader hides {@code reference.conf} from Akka, which would
   * otherwise parse every file again and lay them underneath (bringing back, for a local system, what
   * {@link LocalActorSystem} took out). Classes and every other resource load through the usual loader.
   *
   * @param complete the system's whole config, resolved, Akka's reference settings included
   * @return a setup for {@code ActorSystem.create(guardian, name, setup)}
   * @throws IllegalArgumentException if {@code complete} lacks Akka's reference settings (Akka would run without
   *     its defaults)
   */
  public static BootstrapSetup bootstrap(Config complete) {
    if (!complete.hasPath(AKKA_VERSION)) {
      throw new IllegalArgumentException("the config lacks Akka's reference settings (no " + AKKA_VERSION
          + "): lay ReferenceConfig.get() under it, as BrigadeConfig.load does");
    }
    ClassLoader loader = new ReferenceHidingClassLoader(ReferenceConfig.class.getClassLoader());
    return BootstrapSetup.create(Optional.of(loader), Optional.of(complete), Optional.empty());
  }

  /**
   * Parses every {@code reference.conf} {@code loader} finds, the first found winning (as Typesafe Config merges
   * them), with their comment lines left out.
   *
   * @param loader where to look
   * @return system properties over the merged files, resolved
   * @throws ConfigException if a file does not parse or resolve
   * @throws UncheckedIOException if a file cannot be read
   */
  public static Config load(ClassLoader loader) {
    Config merged = ConfigFactory.empty();
    try {
      Enumeration<URL> files = loader.getResources(RESOURCE);
      while (files.hasMoreElements()) {
        URL url = files.nextElement();
        String text;
        try (InputStream in = url.openStream()) {
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ConfigParseOptions options = ConfigParseOptions.defaults()
            .setSyntax(ConfigSyntax.CONF)
            .setOriginDescription(RESOURCE + " @ " + url) // as Typesafe Config names it
            .setClassLoader(loader);
        merged = merged.withFallback(ConfigFactory.parseString(withoutCommentLines(text), options));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Akka's " + RESOURCE, e);
    }
    return ConfigFactory.systemProperties().withFallback(merged).resolve();
  }

  /**
   * {@code text} with each whole-line comment emptied (its line ending kept); unchanged if it holds a triple-quoted
   * string.
   */
  static String withoutCommentLines(String text) {
    if (text.contains("\"\"\"")) return text;
    StringBuilder out = new StringBuilder(text.length() / 3);
    int n = text.length();
    int start = 0;
    while (start < n) {
      int end = text.indexOf('\n', start);
      if (end < 0) end = n;
      int first = start;
      while (first < end && (text.charAt(first) == ' ' || text.charAt(first) == '\t')) first++;
      boolean comment = first < end && (text.charAt(first) == '#'
          || (text.charAt(first) == '/' && first + 1 < end && text.charAt(first + 1) == '/'));
      if (!comment) out.append(text, start, end);
      if (end < n) out.append('\n');
      start = end + 1;
    }
    return out.toString();
  }

  /** Delegates everything to its parent but finds no {@code reference.conf}; classes are the parent's very classes. */
  private static final class ReferenceHidingClassLoader extends ClassLoader {
    static {
      registerAsParallelCapable();
    }

    ReferenceHidingClassLoader(ClassLoader parent) {
      super(parent);
    }

    @Override
    public URL getResource(String name) {
      return name.equals(RESOURCE) ? null : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      return name.equals(RESOURCE) ? Collections.emptyEnumeration() : super.getResources(name);
    }
  }
}
