package io.fastjukebox.app.distill;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The loss terms of a run as curves over steps, one per term, for a chart. However long the run,
 * a curve holds at most {@link #MAX_POINTS} points: when it is full, neighbouring points are merged
 * (their mean) and later points each stand for twice as many steps, so the whole run stays visible
 * and the chart never slows down. Use on the UI thread.
 */
public final class LossCurves {
    /** Points per curve at most. */
    public static final int MAX_POINTS = 400;
    /** Step metrics that are not loss terms (schedule position, optimiser state). */
    static final Set<String> NOT_LOSSES = Set.of("phase", "epoch", "lr", "grad_norm");

    /** One point: the last step it covers and the mean value over its steps. */
    public record Point(long step, double value) {}

    /** One term's curve. */
    public static final class Curve {
        private final String term;
        private final ObservableList<Point> points = FXCollections.observableArrayList();
        private int stepsPerPoint = 1;
        private double sum;
        private int count;

        Curve(String term) {
            this.term = term;
        }

        /** The metric's name, e.g. {@code hidden_mse}, {@code soft_ce}, {@code loss}. */
        public String term() {
            return term;
        }

        public ObservableList<Point> points() {
            return points;
        }

        /** Steps each point stands for (1 until the curve first fills up). */
        public int stepsPerPoint() {
            return stepsPerPoint;
        }

        void add(long step, double value) {
            if (!points.isEmpty() && step <= points.get(points.size() - 1).step()) {
                points.removeIf(p -> p.step() >= step); // a resumed run repeats the steps after its checkpoint
                count = 0;
                sum = 0;
            }
            sum += value;
            count++;
            if (count < stepsPerPoint) {
                return;
            }
            points.add(new Point(step, sum / count));
            sum = 0;
            count = 0;
            if (points.size() > MAX_POINTS) {
                List<Point> merged = new ArrayList<>();
                for (int i = 0; i + 1 < points.size(); i += 2) {
                    merged.add(new Point(points.get(i + 1).step(), (points.get(i).value() + points.get(i + 1).value()) / 2));
                }
                if (points.size() % 2 == 1) {
                    merged.add(points.get(points.size() - 1));
                }
                points.setAll(merged);
                stepsPerPoint *= 2;
            }
        }
    }

    private final Map<String, Curve> byTerm = new LinkedHashMap<>();
    private final ObservableList<Curve> curves = FXCollections.observableArrayList();

    /** The curves, in the order their terms first appeared. */
    public ObservableList<Curve> curves() {
        return curves;
    }

    /** Adds the loss terms among {@code metrics} at {@code step}; a non-finite value is skipped (the run stops on it). */
    void add(long step, Map<String, Double> metrics) {
        metrics.forEach((term, value) -> {
            if (!NOT_LOSSES.contains(term) && value != null && Double.isFinite(value)) {
                byTerm.computeIfAbsent(term, t -> {
                    Curve c = new Curve(t);
                    curves.add(c);
                    return c;
                }).add(step, value);
            }
        });
    }

    /** Forgets every curve (a new run starts). */
    void clear() {
        byTerm.clear();
        curves.clear();
    }
}
