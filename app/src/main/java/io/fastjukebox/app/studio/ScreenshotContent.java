package io.fastjukebox.app.studio;

import io.fastjukebox.app.candidates.CandidateItem;
import io.fastjukebox.app.history.HistoryItem;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a screenshot shows: the newest job of the workspace that has audio on Candidates (its first candidate
 * previewed), and on Compare the files given, or else every candidate's best output of that job.
 */
final class ScreenshotContent {
    private ScreenshotContent() {}

    /**
     * Fills the screens from the workspace (after {@link AppContext#start()}) and {@code files}; call on the FX
     * thread. A file that cannot be loaded fails the returned future; a job's clip that fails shows its error in
     * its pane, and the screenshot is taken all the same.
     */
    static CompletableFuture<Void> fill(AppContext context, List<Path> files) {
        HistoryItem newest = context.history().items().stream().filter(i -> !i.bestOutputs().isEmpty()).findFirst()
                .orElse(null);
        CompletableFuture<Void> compared = !files.isEmpty() ? context.compare().show(files)
                : newest == null ? CompletableFuture.completedFuture(null)
                : context.compare().show(newest.bestOutputs()).exceptionally(e -> null);
        if (newest == null) {
            return compared;
        }
        CompletableFuture<Void> candidates = context.candidates().show(newest.dir()).thenCompose(v -> {
            CandidateItem first = context.candidates().candidates().isEmpty() ? null
                    : context.candidates().candidates().get(0);
            return first == null ? CompletableFuture.completedFuture(null) : context.candidates().select(first);
        });
        return CompletableFuture.allOf(compared, candidates);
    }
}
