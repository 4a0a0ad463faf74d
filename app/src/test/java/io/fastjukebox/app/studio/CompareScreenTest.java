package io.fastjukebox.app.studio;

import static io.fastjukebox.app.studio.StudioHarness.fx;
import static io.fastjukebox.app.studio.StudioHarness.rows;
import static io.fastjukebox.app.studio.StudioHarness.snapshot;
import static io.fastjukebox.app.studio.StudioHarness.waitUntil;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.app.DemoClip;
import io.fastjukebox.app.audioview.ClipView;
import io.fastjukebox.app.audioview.TimeAxis;
import io.fastjukebox.app.playback.JavaSoundOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Compare screen with two copies of the demo clip: linked zoom and scroll, click-to-solo, the transport bar. */
@ExtendWith(ApplicationExtension.class)
class CompareScreenTest {
    @TempDir
    static Path root;

    private StudioHarness studio;

    @Start
    void start(Stage stage) throws Exception {
        studio = new StudioHarness(root);
        studio.show(stage);
    }

    @AfterEach
    void close() {
        studio.close();
    }

    @Test
    void twoClipsZoomAndScrollTogetherAndAClickSolosAPane(FxRobot robot) throws Exception {
        Path a = DemoClip.copyTo(Files.createDirectories(root.resolve("a")));
        Path b = DemoClip.copyTo(Files.createDirectories(root.resolve("b")));
        fx(() -> studio.window.show(Screen.COMPARE));
        fx(() -> studio.context.compare().add(a));
        fx(() -> studio.context.compare().add(b));
        waitUntil("both clips analysed", () -> studio.context.compare().clips().stream()
                .allMatch(c -> c.loadedProperty().get() != null));
        List<ClipView> panes = fx(() -> robot.from(robot.lookup("#compareView").queryAs(javafx.scene.Node.class)).lookup(".clip-view").queryAllAs(ClipView.class).stream().toList());
        assertEquals(2, panes.size());
        Canvas first = panes.get(0).waveformView();
        Canvas second = panes.get(1).waveformView();
        assertEquals(fx(first::getWidth), fx(second::getWidth), "one time axis: the panes are equally wide");
        TimeAxis axis = studio.context.compare().axis();
        assertEquals(new TimeAxis.Range(0, 12), fx(axis::visible));
        WritableImage before = snapshot(first);
        assertTrue(StudioHarness.distinctColours(snapshot(panes.get(0).melView())) > 100, "the spectrogram is drawn");

        robot.clickOn("#zoomIn");
        robot.clickOn("#zoomIn");

        assertEquals(3.0, fx(() -> axis.visible().span()), 1e-9);
        assertLinked(first, second, before);
        ScrollBar scroll = robot.lookup("#timeScroll").queryAs(ScrollBar.class);
        WritableImage zoomed = snapshot(first);
        fx(() -> scroll.setValue(6));
        assertEquals(new TimeAxis.Range(6, 9), fx(axis::visible));
        assertLinked(first, second, zoomed);

        assertEquals(panes.get(0).viewModel(), fx(() -> studio.context.compare().soloedProperty().get()), "first clip soloed");
        robot.clickOn(panes.get(1).melView());
        assertEquals(panes.get(1).viewModel(), fx(() -> studio.context.compare().soloedProperty().get()));
        double playhead = fx(() -> axis.playheadProperty().get());
        assertTrue(playhead > 6 && playhead < 9, "the click moved the playhead into view: " + playhead);
        assertEquals("wesnoth-excerpt.ogg", fx(() -> studio.context.playback().cuedNameProperty().get()));

        String reason = new JavaSoundOutput().unavailableReason().orElse("");
        assertEquals(reason, fx(() -> robot.lookup("#playbackMessage").queryAs(Label.class).getText()));
        assertEquals(!reason.isEmpty(), fx(() -> robot.lookup("#playButton").queryAs(Button.class).isDisabled()),
                "play is disabled exactly when there is no device");

        Path exported = root.resolve("export/soloed.flac");
        fx(() -> studio.context.compare().exportSoloed(exported));
        waitUntil("the export", () -> studio.context.compare().messageProperty().get().startsWith("Exported"));
        assertTrue(Files.size(exported) > 1000 && Files.exists(root.resolve("export/soloed.json")));
    }

    /** Both panes show the same audio, so on one axis their plots match pixel for pixel, and differ from before. */
    private static void assertLinked(Canvas first, Canvas second, WritableImage before) throws Exception {
        WritableImage a = snapshot(first);
        WritableImage b = snapshot(second);
        int h = (int) a.getHeight();
        int[] plotA = rows(a, 30, h); // below the name label
        assertArrayEquals(plotA, rows(b, 30, h), "the panes show the same range");
        assertFalse(java.util.Arrays.equals(plotA, rows(before, 30, h)), "the view changed");
    }
}
