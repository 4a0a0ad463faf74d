package io.fastjukebox.engine.render;

import io.fastjukebox.engine.audio.MelFilterBank;
import io.fastjukebox.engine.audio.MelParams;
import io.fastjukebox.engine.audio.MelSpectrogram;
import io.fastjukebox.engine.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws a mel spectrogram in dB as a picture: time on x, mel-scaled frequency on y (labelled in
 * Hz), and a dB colour bar on the right.
 */
public final class MelImageRenderer {
    private static final int LEFT = 70;
    private static final int RIGHT = 100;
    private static final int TOP = 34;
    private static final int BOTTOM = 46;
    private static final double[] HZ_TICKS = {0, 100, 250, 500, 1000, 2000, 4000, 8000, 16000, 32000};
    private static final double[] NICE = {0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600};

    private MelImageRenderer() {}

    /**
     * Renders {@code db} ({@code [nMels][frames]}, as from {@link MelSpectrogram#toDb}) with colours
     * spanning {@code [dbMin, dbMax]}.
     */
    public static BufferedImage render(MelSpectrogram mel, double[][] db, double dbMin, double dbMax, MelImageStyle style) {
        if (!(dbMax > dbMin)) {
            throw new IllegalArgumentException("dB range [" + dbMin + ", " + dbMax + "] is empty");
        }
        BufferedImage img = new BufferedImage(style.width(), style.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, style.width(), style.height());
            int plotW = style.width() - LEFT - RIGHT;
            int plotH = style.height() - TOP - BOTTOM;
            paintSpectrogram(img, db, dbMin, dbMax, style.colorMap(), plotW, plotH);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1));
            g.drawRect(LEFT - 1, TOP - 1, plotW + 1, plotH + 1);
            drawFrequencyAxis(g, mel.params(), plotH);
            drawTimeAxis(g, mel.frames() * mel.secondsPerFrame(), plotW, plotH);
            drawColorBar(g, style, dbMin, dbMax, plotH);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(style.title(), LEFT, TOP - 12);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Writes a PNG atomically. */
    public static void writePng(BufferedImage img, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    private static void paintSpectrogram(BufferedImage img, double[][] db, double lo, double hi, ColorMap map,
            int plotW, int plotH) {
        int mels = db.length;
        int frames = mels == 0 ? 0 : db[0].length;
        if (frames == 0) {
            return;
        }
        for (int x = 0; x < plotW; x++) {
            int t = (int) Math.min(frames - 1, (long) x * frames / plotW);
            for (int y = 0; y < plotH; y++) {
                int m = (int) Math.min(mels - 1, (long) (plotH - 1 - y) * mels / plotH);
                img.setRGB(LEFT + x, TOP + y, map.argb((db[m][t] - lo) / (hi - lo)));
            }
        }
    }

    private static void drawFrequencyAxis(Graphics2D g, MelParams p, int plotH) {
        double melLo = MelFilterBank.hzToMel(p.fMin());
        double melHi = MelFilterBank.hzToMel(p.fMax());
        FontMetrics fm = g.getFontMetrics();
        int lastY = Integer.MAX_VALUE;
        for (double hz : HZ_TICKS) {
            if (hz < p.fMin() || hz > p.fMax()) {
                continue;
            }
            int y = TOP + plotH - (int) Math.round((MelFilterBank.hzToMel(hz) - melLo) / (melHi - melLo) * plotH);
            if (lastY - y < fm.getHeight()) {
                continue; // would overlap the previous label
            }
            lastY = y;
            g.drawLine(LEFT - 5, y, LEFT - 1, y);
            String label = hz >= 1000 ? String.format(Locale.ROOT, "%.0fk", hz / 1000) : String.format(Locale.ROOT, "%.0f", hz);
            g.drawString(label, LEFT - 8 - fm.stringWidth(label), y + fm.getAscent() / 2 - 1);
        }
        drawRotated(g, "Hz (mel scale)", 16, TOP + plotH / 2);
    }

    private static void drawTimeAxis(Graphics2D g, double seconds, int plotW, int plotH) {
        FontMetrics fm = g.getFontMetrics();
        double step = niceStep(seconds, Math.max(2, plotW / 90));
        int y = TOP + plotH;
        for (double t = 0; t <= seconds + 1e-9; t += step) {
            int x = LEFT + (int) Math.round(t / seconds * plotW);
            g.drawLine(x, y, x, y + 4);
            String label = step < 1 ? String.format(Locale.ROOT, "%.2f", t) : String.format(Locale.ROOT, "%.0f", t);
            g.drawString(label, x - fm.stringWidth(label) / 2, y + 6 + fm.getAscent());
        }
        String axis = "time (s)";
        g.drawString(axis, LEFT + plotW / 2 - fm.stringWidth(axis) / 2, y + 8 + 2 * fm.getHeight());
    }

    private static void drawColorBar(Graphics2D g, MelImageStyle style, double lo, double hi, int plotH) {
        int x0 = style.width() - RIGHT + 18;
        int barW = 16;
        for (int y = 0; y < plotH; y++) {
            g.setColor(new Color(style.colorMap().argb(1 - y / (double) (plotH - 1))));
            g.drawLine(x0, TOP + y, x0 + barW, TOP + y);
        }
        g.setColor(Color.BLACK);
        g.drawRect(x0, TOP, barW, plotH);
        FontMetrics fm = g.getFontMetrics();
        double step = niceStep(hi - lo, Math.max(2, plotH / 50));
        for (double v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) {
            int y = TOP + (int) Math.round((hi - v) / (hi - lo) * plotH);
            g.drawLine(x0 + barW, y, x0 + barW + 4, y);
            g.drawString(String.format(Locale.ROOT, "%.0f", v), x0 + barW + 7, y + fm.getAscent() / 2 - 1);
        }
        g.drawString("dB", x0, TOP + plotH + fm.getAscent() + 6);
    }

    private static double niceStep(double range, int maxTicks) {
        for (double s : NICE) {
            if (range / s <= maxTicks) {
                return s;
            }
        }
        return Math.ceil(range / maxTicks / 600) * 600;
    }

    private static void drawRotated(Graphics2D g, String text, int x, int yCentre) {
        Graphics2D r = (Graphics2D) g.create();
        try {
            r.rotate(-Math.PI / 2, x, yCentre);
            r.drawString(text, x - r.getFontMetrics().stringWidth(text) / 2, yCentre);
        } finally {
            r.dispose();
        }
    }
}
