package io.fastjukebox.engine.audio;

import java.util.Locale;

/**
 * Power to decibels as librosa's {@code power_to_db}:
 * {@code 10 log10(max(amin, S)) - 10 log10(max(amin, ref))}, then everything more than
 * {@code topDb} below the loudest value is raised to that floor.
 *
 * @param reference what 0 dB means
 * @param refValue the reference power when {@code reference} is {@link Reference#FIXED}
 * @param amin smallest power considered, positive
 * @param topDb dynamic range kept below the maximum; {@code Double.POSITIVE_INFINITY} keeps everything
 */
public record DbScale(Reference reference, double refValue, double amin, double topDb) {

    /** What 0 dB refers to. */
    public enum Reference {
        /** A fixed power, {@code refValue} (librosa's default is 1.0). */
        FIXED,
        /** The loudest value of the spectrogram ({@code ref=np.max}). */
        MAX
    }

    public DbScale {
        if (reference == Reference.FIXED && !(refValue > 0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "reference power %g must be positive", refValue));
        }
        if (!(amin > 0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "amin %g must be positive", amin));
        }
        if (!(topDb >= 0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "top_db %g must not be negative", topDb));
        }
    }

    /** librosa's defaults: {@code ref=1.0, amin=1e-10, top_db=80}. */
    public static DbScale librosaDefaults() {
        return new DbScale(Reference.FIXED, 1.0, 1e-10, 80.0);
    }

    /** Relative to the loudest value, with an {@code topDb} floor: the usual choice for pictures. */
    public static DbScale relativeToMax(double topDb) {
        return new DbScale(Reference.MAX, 1.0, 1e-10, topDb);
    }

    /** Converts a power array {@code [rows][cols]} to dB; the input is not modified. */
    public double[][] apply(double[][] power) {
        double ref = refValue;
        if (reference == Reference.MAX) {
            ref = 0;
            for (double[] row : power) {
                for (double v : row) {
                    ref = Math.max(ref, v);
                }
            }
        }
        double offset = 10 * Math.log10(Math.max(amin, ref));
        double[][] db = new double[power.length][];
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < power.length; r++) {
            db[r] = new double[power[r].length];
            for (int c = 0; c < power[r].length; c++) {
                db[r][c] = 10 * Math.log10(Math.max(amin, power[r][c])) - offset;
                max = Math.max(max, db[r][c]);
            }
        }
        if (Double.isFinite(topDb)) {
            double floor = max - topDb;
            for (double[] row : db) {
                for (int c = 0; c < row.length; c++) {
                    row[c] = Math.max(row[c], floor);
                }
            }
        }
        return db;
    }
}
