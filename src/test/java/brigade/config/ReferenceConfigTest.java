package brigade.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

class ReferenceConfigTest {
  @Test
  void holdsExactlyWhatTypesafeConfigsOwnParseOfEveryReferenceFileHolds() {
    Config ours = ReferenceConfig.get();
    Config theirs = ConfigFactory.defaultReference();
    assertTrue(theirs.hasPath("akka.actor.provider") && theirs.hasPath("akka.cluster.downing-provider-class"),
        "the test's class path holds akka-actor's and akka-cluster's reference.conf");
    // Config equality is value equality of the whole tree (origins aside): every key, every value, every list.
    assertEquals(theirs.root(), ours.root());
    assertSame(ours, ReferenceConfig.get(), "parsed once");
  }

  @Test
  void emptiesWholeLineCommentsAndKeepsEveryLineEnding() {
    String text = "# a comment\n  // another\na = 1 # trailing stays\nb = \"#not a comment\"\n\t#tab\nc = 2";
    String stripped = ReferenceConfig.withoutCommentLines(text);
    assertEquals("\n\na = 1 # trailing stays\nb = \"#not a comment\"\n\nc = 2", stripped);
    assertEquals(text.lines().count(), stripped.lines().count(), "line numbers in origins stay the file's");
    assertEquals(ConfigFactory.parseString(text).root(), ConfigFactory.parseString(stripped).root());
  }

  @Test
  void leavesAFileWithATripleQuotedStringWhole() {
    String text = "a = \"\"\"first\n# inside the string, not a comment\nlast\"\"\"\n# a comment\n";
    assertEquals(text, ReferenceConfig.withoutCommentLines(text));
    assertEquals("first\n# inside the string, not a comment\nlast", ConfigFactory.parseString(
        ReferenceConfig.withoutCommentLines(text)).getString("a"));
  }

  @Test
  void aFileThatDoesNotResolveIsAConfigErrorNamingTheFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path broken = dir.resolve(ReferenceConfig.RESOURCE);
    java.nio.file.Files.writeString(broken, "# a comment\na = ${missing}\n");
    ClassLoader loader = new ClassLoader(null) {
      @Override
      public java.util.Enumeration<java.net.URL> getResources(String name) throws java.io.IOException {
        return name.equals(ReferenceConfig.RESOURCE)
            ? java.util.Collections.enumeration(java.util.List.of(broken.toUri().toURL()))
            : java.util.Collections.emptyEnumeration();
      }
    };
    com.typesafe.config.ConfigException e =
        org.junit.jupiter.api.Assertions.assertThrows(com.typesafe.config.ConfigException.class,
            () -> ReferenceConfig.load(loader));
    assertTrue(e.getMessage().contains("reference.conf @ ") && e.getMessage().contains(": 2:")
        && e.getMessage().contains("missing"), e.getMessage());
  }

  @Test
  void bootstrapRefusesAConfigWithoutAkkasReferenceSettings() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> ReferenceConfig.bootstrap(ConfigFactory.parseString("akka.actor.provider = local")));
    assertTrue(e.getMessage().contains("akka.version"), e.getMessage());
    assertTrue(ReferenceConfig.bootstrap(BrigadeConfig.defaults()).classLoader().isDefined());
  }
}
