package io.fastjukebox.app.studio;

import io.fastjukebox.app.candidates.CandidateItem;
import io.fastjukebox.app.history.HistoryItem;
import java.util.concurrent.CompletableFuture;

/**
 * What a screenshot shows when no file is given: the newest job of the workspace that has audio,
 * on Candidates (its first candidate previewed) and on Compare (every candidate's best output).
 */
final class ScreenshotContent {
    private ScreenshotContent() {}

    /** Fills the screens from the workspace (after {@link AppContext#start()}); call on the FX thread. */
    static CompletableFuture<Void> fill(AppContext context) {
        HistoryItem newest = context.history().items().stream().filter(i -> !i.bestOutputs().isEmpty()).findFirst()
                .orElse(null);
        if (newest == null) {
            return CompletableFuture.completedFuture(null);
        }
        // A clip that fails to load shows its error in its pane; the screenshot is taken all the same.
        CompletableFuture<Void> compared = context.compare().show(newest.bestOutputs()).exceptionally(e -> null);
        CompletableFuture<Void> candidates = context.candidates().show(newest.dir()).thenCompose(v -> {
            CandidateItem first = context.candidates().candidates().isEmpty() ? null
                    : context.candidates().candidates().get(0);
            return first == null ? CompletableFuture.completedFuture(null) : context.candidates().select(first);
        });
        return CompletableFuture.allOf(compared, candidates);
    }
}
