package io.fastjukebox.app.audioview;

import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.WeakInvalidationListener;
import javafx.scene.canvas.Canvas;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/** A canvas that its parent may resize, repainting itself whenever its size changes. */
abstract class ResizableCanvas extends Canvas {
    static final Color BACKGROUND = Color.rgb(20, 20, 26);
    static final Color GRID = Color.rgb(255, 255, 255, 0.13);
    static final Color LABEL = Color.rgb(235, 235, 240);
    static final Color LABEL_BACKDROP = Color.rgb(0, 0, 0, 0.55);
    static final Font LABEL_FONT = Font.font(12);

    private final Text measure = new Text();
    private final InvalidationListener redrawer = o -> redrawIfShown();

    ResizableCanvas() {
        widthProperty().addListener(redrawer);
        heightProperty().addListener(redrawer);
        sceneProperty().addListener(redrawer);
    }

    /**
     * Repaints whenever one of {@code sources} changes. The sources (a shared time axis, a clip)
     * may outlive this canvas, so they hold it only weakly: a pane that is removed is not kept
     * alive, and until it is collected it does not draw, as it is in no scene.
     */
    final void redrawOn(Observable... sources) {
        for (Observable o : sources) {
            o.addListener(new WeakInvalidationListener(redrawer));
        }
    }

    private void redrawIfShown() {
        if (getScene() != null) {
            redraw();
        }
    }

    /** Paints the whole canvas from the current state. */
    abstract void redraw();

    @Override
    public boolean isResizable() {
        return true;
    }

    @Override
    public double minWidth(double height) {
        return 1;
    }

    @Override
    public double minHeight(double width) {
        return 1;
    }

    @Override
    public double prefWidth(double height) {
        return 600;
    }

    @Override
    public double prefHeight(double width) {
        return 200;
    }

    @Override
    public double maxWidth(double height) {
        return Double.MAX_VALUE;
    }

    @Override
    public double maxHeight(double width) {
        return Double.MAX_VALUE;
    }

    @Override
    public void resize(double width, double height) {
        setWidth(width);
        setHeight(height);
    }

    /** A label on a dark backdrop so it reads over any picture. */
    void drawLabel(double x, double baselineY, String text) {
        var g = getGraphicsContext2D();
        g.setFont(LABEL_FONT);
        g.setFill(LABEL_BACKDROP);
        g.fillRect(x - 4, baselineY - 13, labelWidth(text) + 8, 17);
        g.setFill(LABEL);
        g.fillText(text, x, baselineY);
    }

    /** Width of {@code text} in the label font, in pixels. */
    double labelWidth(String text) {
        measure.setFont(LABEL_FONT);
        measure.setText(text);
        return measure.getLayoutBounds().getWidth();
    }
}
