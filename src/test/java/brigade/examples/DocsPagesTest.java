package brigade.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README.md and the pages under docs/ stay true to the tree: every link reaches a file and heading that exist, and
 * every code block marked {@code <!-- include: PATH -->} is that file's text, so an example on a page is the code
 * the suite compiles and runs.
 */
class DocsPagesTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
  private static final Pattern INCLUDE = Pattern.compile("<!-- include: (\\S+)[^>]*-->\\R```[a-z]*\\R(.*?)```", Pattern.DOTALL);

  private static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  /** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces to hyphens. */
  static Set<String> anchors(String markdown) {
    Set<String> anchors = new HashSet<>();
    boolean inCode = false;
    for (String line : markdown.split("\\R")) {
      if (line.startsWith("```")) inCode = !inCode;
      if (inCode || !line.startsWith("#")) continue;
      String heading = line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT);
      anchors.add(heading.replaceAll("[^\\p{L}\\p{N}\\- _]", "").replace(' ', '-'));
    }
    return anchors;
  }

  @Test
  void everyLinkReachesAFileAndHeadingThatExist() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path page : pages()) {
      String text = Files.readString(page);
      Matcher m = LINK.matcher(text);
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("^[a-z]+:.*")) continue; // https:, mailto:
        String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
        Path linked = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(linked)) {
          broken.add(ROOT.relativize(page) + ": " + target + " (no such file)");
        } else if (anchor != null && !anchors(Files.readString(linked)).contains(anchor)) {
          broken.add(ROOT.relativize(page) + ": " + target + " (no such heading)");
        }
      }
    }
    assertEquals(List.of(), broken);
  }

  @Test
  void everyIncludedExampleIsTheFileItNames() throws IOException {
    int included = 0;
    for (Path page : pages()) {
      Matcher m = INCLUDE.matcher(Files.readString(page));
      while (m.find()) {
        Path source = page.getParent().resolve(m.group(1)).normalize();
        assertTrue(Files.isRegularFile(source), page + " includes " + source);
        assertEquals(Files.readString(source).strip(), m.group(2).strip(),
            ROOT.relativize(page) + "'s copy of " + ROOT.relativize(source) + " differs from the file");
        included++;
      }
    }
    assertTrue(included > 0, "the scenario page includes WritingAScenarioTest");
  }

  @Test
  void theReadmeIsTheFrontDoor() throws IOException {
    List<String> readme = Files.readAllLines(ROOT.resolve("README.md"));
    assertTrue(readme.size() < 300, "README.md has " + readme.size() + " lines; details belong in docs/");
    String text = String.join("\n", readme);
    assertTrue(text.contains("mvn -q compile exec:java") && text.contains("mvn -B verify"), "the two set-up commands");
    assertFalse(text.contains("@@"), "no placeholder left");
  }
}
