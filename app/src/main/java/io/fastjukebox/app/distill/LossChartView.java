package io.fastjukebox.app.distill;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/** The loss curves of a run, one line per term over the steps, following {@link LossCurves} as it grows. */
public final class LossChartView extends LineChart<Number, Number> {
    /** A curve's line and the listener that keeps it up to date. */
    private record Line(XYChart.Series<Number, Number> series, ListChangeListener<LossCurves.Point> follow) {}

    private final Map<LossCurves.Curve, Line> lines = new IdentityHashMap<>();

    public LossChartView(LossCurves curves) {
        super(axis("step"), axis("loss"));
        setId("lossChart");
        setAnimated(false);
        setCreateSymbols(false);
        setTitle("Loss per term");
        curves.curves().addListener((ListChangeListener<LossCurves.Curve>) c -> show(curves.curves()));
        show(curves.curves());
    }

    private static NumberAxis axis(String label) {
        NumberAxis axis = new NumberAxis();
        axis.setLabel(label);
        axis.setForceZeroInRange(false);
        axis.setAnimated(false);
        return axis;
    }

    private void show(List<LossCurves.Curve> curves) {
        lines.entrySet().removeIf(e -> {
            boolean gone = !curves.contains(e.getKey());
            if (gone) {
                e.getKey().points().removeListener(e.getValue().follow());
            }
            return gone;
        });
        getData().setAll(curves.stream().map(c -> lines.computeIfAbsent(c, LossChartView::line).series()).toList());
    }

    private static Line line(LossCurves.Curve curve) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(curve.term());
        s.getData().setAll(curve.points().stream().map(LossChartView::data).toList());
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
                s.getData().setAll(curve.points().stream().map(LossChartView::data).toList());
            }
        };
        curve.points().addListener(follow);
        return new Line(s, follow);
    }

    private static XYChart.Data<Number, Number> data(LossCurves.Point p) {
        return new XYChart.Data<>(p.step(), p.value());
    }
}
