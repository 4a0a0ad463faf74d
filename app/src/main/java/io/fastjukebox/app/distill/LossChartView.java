package io.fastjukebox.app.distill;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.util.StringConverter;

/**
 * The loss curves of a run, one line per term over the steps, following {@link LossCurves} as it
 * grows; on a logarithmic axis by default, so terms of very different sizes (an attention MSE of
 * 0.001 next to a cross-entropy of 3) all show their trend.
 */
public final class LossChartView extends LineChart<Number, Number> {
    /** Values at or below this are drawn at it on the logarithmic axis. */
    private static final double LOG_FLOOR = 1e-12;

    /** A curve's line and the listener that keeps it up to date. */
    private record Line(XYChart.Series<Number, Number> series, ListChangeListener<LossCurves.Point> follow) {}

    private final Map<LossCurves.Curve, Line> lines = new IdentityHashMap<>();
    private final BooleanProperty logScale = new SimpleBooleanProperty(this, "logScale", true);

    public LossChartView(LossCurves curves) {
        super(axis("step"), axis("loss"));
        setId("lossChart");
        setAnimated(false);
        setCreateSymbols(false);
        setHorizontalZeroLineVisible(false); // 0 on the logarithmic axis is a loss of 1, nothing special
        setTitle("Loss per term");
        NumberAxis y = (NumberAxis) getYAxis();
        y.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number v) {
                return logScale.get() ? String.format(Locale.ROOT, "%.3g", Math.pow(10, v.doubleValue()))
                        : String.format(Locale.ROOT, "%.3g", v.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException("not editable");
            }
        });
        logScale.addListener((o, was, now) -> {
            y.setLabel(now ? "loss (log scale)" : "loss");
            lines.forEach((curve, line) -> curve.points().removeListener(line.follow()));
            lines.clear(); // every line is drawn again on the other scale
            show(curves.curves());
        });
        y.setLabel("loss (log scale)");
        curves.curves().addListener((ListChangeListener<LossCurves.Curve>) c -> show(curves.curves()));
        show(curves.curves());
    }

    /** Whether the loss axis is logarithmic (the default). */
    public BooleanProperty logScaleProperty() {
        return logScale;
    }

    private static NumberAxis axis(String label) {
        NumberAxis axis = new NumberAxis();
        axis.setLabel(label);
        axis.setForceZeroInRange(false);
        axis.setAnimated(false);
        return axis;
    }

    private void show(List<LossCurves.Curve> shown) {
        lines.entrySet().removeIf(e -> {
            boolean gone = !shown.contains(e.getKey());
            if (gone) {
                e.getKey().points().removeListener(e.getValue().follow());
            }
            return gone;
        });
        getData().setAll(shown.stream().map(c -> lines.computeIfAbsent(c, this::line).series()).toList());
    }

    private Line line(LossCurves.Curve curve) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(curve.term());
        s.getData().setAll(curve.points().stream().map(this::data).toList());
        ListChangeListener<LossCurves.Point> follow = c -> {
            boolean appended = true;
            while (c.next()) {
                appended &= c.wasAdded() && !c.wasRemoved() && c.getFrom() == s.getData().size();
            }
            if (appended) {
                c.reset();
                while (c.next()) {
                    c.getAddedSubList().forEach(p -> s.getData().add(data(p)));
                }
            } else {
                s.getData().setAll(curve.points().stream().map(this::data).toList());
            }
        };
        curve.points().addListener(follow);
        return new Line(s, follow);
    }

    private XYChart.Data<Number, Number> data(LossCurves.Point p) {
        return new XYChart.Data<>(p.step(), logScale.get() ? Math.log10(Math.max(LOG_FLOOR, p.value())) : p.value());
    }
}
