package brigade.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import brigade.UserError;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The picture of a trace: a PNG and an SVG are written, one row per track, marks for restarts and stops. */
class TimelineTest {

  static Path sampleTrace(Path dir) {
    Path f = dir.resolve("t.json");
    Tracer t = Tracer.open(f, 1000, "--trace");
    Tracer.Track cook = t.track("restaurant", "worker-1");
    Tracer.Track waiter = t.track("restaurant", "delivery-1");
    Tracer.Track customers = t.track("restaurant", "customers");
    long t0 = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      t.complete(cook, i == 3 ? "cook (dropped)" : "cook", "order", t0 + i * 1_000_000L, 900_000);
      t.complete(waiter, "deliver", "order", t0 + i * 1_000_000L + 900_000, 100_000);
      t.asyncBegin(customers, "customers", "eating", i, t0 + i * 1_000_000L + 1_000_000);
      t.asyncEnd(customers, "customers", "eating", i, t0 + i * 1_000_000L + 3_000_000);
    }
    t.instant(cook, "restarted", t0 + 4_000_000, "error", "dropped");
    t.instant(waiter, "hard stop", t0 + 15_000_000);
    t.instant(cook, "retired", t0 + 21_000_000);
    t.close();
    return f;
  }

  @Test
  void aPngIsDrawnWithARowPerTrack(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("t.png");
    Timeline.draw(sampleTrace(dir), png, "a test run");
    assertTrue(Files.size(png) > 0);
    BufferedImage img = ImageIO.read(png.toFile());
    assertNotNull(img, "a readable PNG");
    assertEquals(Timeline.WIDTH, img.getWidth());
    assertTrue(img.getHeight() > 3 * 20, "three rows and the axis");
  }

  @Test
  void anSvgIsWellFormedXmlWithTheRowsAndMarks(@TempDir Path dir) throws Exception {
    Path svg = dir.resolve("t.svg");
    Timeline.draw(sampleTrace(dir), svg, "a <test> run");
    String text = Files.readString(svg);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
    assertEquals("svg", doc.getDocumentElement().getNodeName());
    assertTrue(text.contains(">worker-1<") && text.contains(">delivery-1<") && text.contains(">customers<"), text);
    assertTrue(text.contains("a &lt;test&gt; run"));
    assertTrue(text.contains("<polygon"), "the restart is marked");
    assertTrue(text.contains("#d62728"), "the dropped step and the restart in the fault colour");
  }

  @Test
  void aPictureOfAnotherKindOrInNoDirectoryIsRefusedUpFront(@TempDir Path dir) {
    UserError kind = assertThrows(UserError.class, () -> Timeline.check(dir.resolve("t.jpg")));
    assertEquals("--timeline '" + dir.resolve("t.jpg") + "': expected a file ending in .png or .svg", kind.getMessage());
    UserError where = assertThrows(UserError.class, () -> Timeline.check(dir.resolve("no/t.png")));
    assertTrue(where.getMessage().contains("does not exist"), where.getMessage());
  }

  @Test
  void niceStepsForTheAxis() {
    assertEquals(1, Timeline.niceStep(0.7));
    assertEquals(2, Timeline.niceStep(1.3));
    assertEquals(50, Timeline.niceStep(31));
    assertEquals(100, Timeline.niceStep(100));
  }
}
