package io.fastjukebox.engine.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.jni.JniUtils;
import io.fastjukebox.engine.prior.Prior;
import io.fastjukebox.engine.prior.PriorConfig;
import io.fastjukebox.engine.prior.train.CodeCorpus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How well models predict held-out codes and how close they are to a teacher, position by position:
 * negative log-likelihood of the codes, KL(teacher || model) and how often the model's most likely
 * code is the teacher's (top-1 agreement). Teacher-forced full forwards with autograd off.
 */
public final class HeldOutScore {
    private static final double LN2 = Math.log(2);

    private HeldOutScore() {}

    /**
     * Scores of one model.
     *
     * @param positions positions scored
     * @param nllBits mean negative log-likelihood of the codes, bits per token
     * @param klBits mean KL(teacher || model), bits per token (0 for the teacher itself)
     * @param top1 fraction of positions where the model's argmax equals the teacher's
     */
    public record Scores(long positions, double nllBits, double klBits, double top1) {}

    /**
     * Up to {@code max} of the non-overlapping windows of {@code config}'s context in {@code tracks} (with the aligned
     * upper-level codes for an upsampler), spread evenly over all of them in track order: window k of the
     * {@code count} candidates is taken when it is {@code floor(i * count / max)} for some i, so the choice covers
     * the whole held-out audio, not just its opening seconds (which are often near-silent and trivially predictable).
     */
    public static List<CodeCorpus.Window> windows(List<int[][]> tracks, PriorConfig config, int max) {
        int n = config.nCtx();
        int up = config.isUpsampler() ? config.conditioner().upsampling() : 0;
        List<int[]> starts = new ArrayList<>(); // {track, start}
        for (int t = 0; t < tracks.size(); t++) {
            for (int start = 0; start + n <= tracks.get(t)[config.level()].length; start += n) {
                starts.add(new int[] {t, start});
            }
        }
        List<CodeCorpus.Window> out = new ArrayList<>();
        int count = starts.size();
        int take = Math.min(max, count);
        for (int i = 0; i < take; i++) {
            int[] ts = starts.get((int) ((long) i * count / take));
            int[][] t = tracks.get(ts[0]);
            int start = ts[1];
            int[] codes = Arrays.copyOfRange(t[config.level()], start, start + n);
            int[] upper = up == 0 ? null : Arrays.copyOfRange(t[config.level() + 1], start / up, (start + n) / up);
            out.add(new CodeCorpus.Window(codes, upper));
        }
        return out;
    }

    /** Scores of each of {@code models} (which may include the teacher) on {@code windows}, one window at a time. */
    public static List<Scores> compare(Prior teacher, List<Prior> models, List<CodeCorpus.Window> windows) {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("no held-out windows to score");
        }
        double[] nll = new double[models.size()];
        double[] kl = new double[models.size()];
        double[] agree = new double[models.size()];
        long positions = 0;
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (CodeCorpus.Window w : windows) {
                try (NDScope scope = new NDScope()) {
                    NDManager m = teacher.manager();
                    NDArray codes = Prior.toCodes(m, new int[][] {w.codes()});
                    NDArray upper = w.upper() == null ? null : Prior.toCodes(m, new int[][] {w.upper()});
                    NDArray t = teacher.forward(codes, upper, false, false).logits(); // (1, T, V)
                    NDArray tTop = t.argMax(-1);
                    for (int i = 0; i < models.size(); i++) {
                        Prior model = models.get(i);
                        NDArray s = model == teacher ? t : model.forward(codes, upper, false, false).logits();
                        nll[i] -= Prior.logProbabilities(s, codes).sum().getFloat();
                        kl[i] += model == teacher ? 0 : DistillationLoss.klDivergence(t, s).sum().getFloat();
                        agree[i] += s.argMax(-1).eq(tTop).sum().getLong();
                    }
                    positions += w.codes().length;
                }
            }
        } finally {
            JniUtils.setGradMode(grad);
        }
        List<Scores> out = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            out.add(new Scores(positions, nll[i] / positions / LN2, Math.max(0, kl[i]) / positions / LN2, agree[i] / positions));
        }
        return out;
    }
}
