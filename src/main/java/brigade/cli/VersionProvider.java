package brigade.cli;

import picocli.CommandLine.IVersionProvider;

/** `brigade --version`: Brigade's version from the jar manifest, and the runtime it sits on. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {
      "brigade " + (version == null ? "(development build)" : version),
      "Akka " + akka.Version.current() + ", Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
    };
  }
}
