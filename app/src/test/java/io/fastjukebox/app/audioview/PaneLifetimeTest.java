package io.fastjukebox.app.audioview;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** A removed pane is not kept alive by the time axis that all panes share. */
class PaneLifetimeTest {

    @Test
    void theSharedAxisHoldsItsViewsOnlyWeakly() throws Exception {
        FxToolkit.registerPrimaryStage();
        TimeAxis axis = new TimeAxis();
        axis.setDuration(10);
        WeakReference<WaveformView> waveform = new WeakReference<>(
                WaitForAsyncUtils.asyncFx(() -> new WaveformView(axis)).get());
        WeakReference<MelView> mel = new WeakReference<>(WaitForAsyncUtils.asyncFx(() -> new MelView(axis)).get());

        for (int i = 0; i < 50 && (waveform.get() != null || mel.get() != null); i++) {
            System.gc();
            Thread.sleep(20);
            axis.zoom(0.9, 5); // changes reach only the views still alive
        }

        assertNull(waveform.get(), "the waveform view was collected");
        assertNull(mel.get(), "the mel view was collected");
    }
}
