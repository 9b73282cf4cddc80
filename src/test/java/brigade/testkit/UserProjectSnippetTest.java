package brigade.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The scenario page's "From another Maven project" snippet (docs/scenarios.md) is what the user project under
 * src/it/scenarios declares (the one `mvn verify` builds), word for word, and names the versions this build uses.
 */
class UserProjectSnippetTest {
  private static final Path PAGE = Path.of("docs", "scenarios.md");
  private static final Path USER_POM = Path.of("src/it/scenarios/pom.xml");

  static String readmeSnippet() throws IOException {
    String readme = Files.readString(PAGE);
    int section = readme.indexOf("**From another Maven project.**");
    assertTrue(section >= 0, PAGE + " has no 'From another Maven project' paragraph");
    int open = readme.indexOf("```xml\n", section);
    int close = readme.indexOf("\n```", open + 7);
    assertTrue(open > 0 && close > open, "no xml block after 'From another Maven project'");
    return readme.substring(open + 7, close + 1);
  }

  @Test
  void theUserProjectDeclaresReadmesSnippetWordForWord() throws IOException {
    String indented = readmeSnippet().lines().map(l -> l.isEmpty() ? l : "  " + l)
        .collect(Collectors.joining("\n", "", "\n"));
    String pom = Files.readString(USER_POM);
    assertTrue(pom.contains(indented), "src/it/scenarios/pom.xml must hold the scenario page's snippet, indented by 2:\n" + indented);
    // ... and nothing else among its dependencies and plugins.
    assertEquals(count(pom, "<dependency>"), count(indented, "<dependency>"));
    assertEquals(count(pom, "<plugin>"), count(indented, "<plugin>"));
  }

  @Test
  void theSnippetNamesTheVersionsThisBuildUses() throws IOException {
    String brigadePom = Files.readString(Path.of("pom.xml"));
    String snippet = readmeSnippet();
    String version = first(brigadePom, "<artifactId>brigade</artifactId>\\s*<version>([^<]+)</version>");
    assertEquals(3, count(snippet, "<version>" + version + "</version>") + count(snippet, "<version>"
        + first(brigadePom, "<akka.version>([^<]+)<") + "</version>"), "brigade " + version + " twice, Akka once");
    assertTrue(snippet.contains("<version>" + first(brigadePom, "<junit.version>([^<]+)<") + "</version>"));
    for (String plugin : new String[] {"maven-resources-plugin", "maven-compiler-plugin", "maven-surefire-plugin"}) {
      String ours = first(brigadePom, "<artifactId>" + plugin + "</artifactId>\\s*<version>([^<]+)</version>");
      String theirs = first(snippet, "<artifactId>" + plugin + "</artifactId>\\s*<version>([^<]+)</version>");
      assertEquals(ours, theirs, plugin);
    }
  }

  private static String first(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), "no match for " + regex);
    return m.group(1);
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
    return n;
  }
}
