package io.fastjukebox.app.playback;

import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

/** The transport bar under every screen: play/pause, the playhead time, what is cued, and why playback is off. */
public final class PlaybackView extends HBox {
    private final PlaybackViewModel viewModel;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            viewModel.tick();
        }
    };

    public PlaybackView(PlaybackViewModel viewModel) {
        this.viewModel = viewModel;
        setId("playbackView");
        setSpacing(10);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(6, 10, 6, 10));
        setStyle("-fx-background-color: #e8e8ee;");
        Button play = new Button();
        play.setId("playButton");
        play.setMinWidth(80);
        play.textProperty().bind(Bindings.when(viewModel.playingProperty()).then("❚❚ Pause").otherwise("▶ Play"));
        play.disableProperty().bind(viewModel.canPlayProperty().not());
        play.setOnAction(e -> viewModel.toggle());
        Label time = new Label();
        time.setId("playheadLabel");
        time.setMinWidth(110);
        time.textProperty().bind(Bindings.createStringBinding(() -> clock(viewModel.positionProperty().get()) + " / "
                + clock(viewModel.durationProperty().get()), viewModel.positionProperty(), viewModel.durationProperty()));
        Label cued = new Label();
        cued.setId("cuedLabel");
        cued.textProperty().bind(Bindings.createStringBinding(() -> viewModel.cuedNameProperty().get().isEmpty()
                ? "nothing cued" : viewModel.cuedNameProperty().get(), viewModel.cuedNameProperty()));
        Label message = new Label();
        message.setId("playbackMessage");
        message.setStyle("-fx-text-fill: #8a4b00;");
        message.textProperty().bind(viewModel.messageProperty());
        getChildren().addAll(play, time, cued, message);
        viewModel.playingProperty().addListener((o, was, now) -> {
            if (now) {
                timer.start();
            } else {
                timer.stop();
            }
        });
    }

    static String clock(double seconds) {
        double s = Math.max(0, seconds);
        return String.format(Locale.ROOT, "%d:%04.1f", (long) (s / 60), s % 60);
    }
}
