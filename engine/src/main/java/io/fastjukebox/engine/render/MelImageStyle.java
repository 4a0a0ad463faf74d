package io.fastjukebox.engine.render;

/**
 * How a mel-spectrogram picture looks.
 *
 * @param width picture width in pixels, 200 to 20000
 * @param height picture height in pixels, 150 to 10000
 * @param colorMap colours from low to high dB
 * @param title text above the plot (empty for none)
 */
public record MelImageStyle(int width, int height, ColorMap colorMap, String title) {

    public MelImageStyle {
        if (width < 200 || width > 20000) {
            throw new IllegalArgumentException("picture width " + width + " must be between 200 and 20000 pixels");
        }
        if (height < 150 || height > 10000) {
            throw new IllegalArgumentException("picture height " + height + " must be between 150 and 10000 pixels");
        }
        if (colorMap == null) {
            throw new IllegalArgumentException("colour map is required");
        }
        title = title == null ? "" : title;
    }
}
