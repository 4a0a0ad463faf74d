package io.fastjukebox.app.audioview;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MelPyramidTest {

    @Test
    void everyColumnIsTheMaximumOfItsFramesAtEveryZoom() {
        Random random = new Random(3);
        double[][] db = new double[5][1003];
        for (double[] band : db) {
            for (int f = 0; f < band.length; f++) {
                band[f] = -80 * random.nextDouble();
            }
        }
        MelPyramid mel = new MelPyramid(db, 0.01);
        assertEquals(11, mel.levelCount()); // 1003 frames halve down to 1

        int[][] cases = {{0, 1003, 7}, {0, 1003, 1003}, {17, 900, 100}, {500, 510, 300}, {1000, 1003, 2}};
        for (int[] c : cases) {
            float[][] cols = mel.columns(c[0], c[1], c[2]);
            for (int col = 0; col < c[2]; col++) {
                double per = (c[1] - c[0]) / (double) c[2];
                int a = c[0] + (int) Math.floor(col * per);
                int b = Math.max(a + 1, c[0] + (int) Math.ceil((col + 1) * per));
                for (int band = 0; band < 5; band++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int f = a; f < Math.min(b, 1003); f++) {
                        max = Math.max(max, (float) db[band][f]);
                    }
                    // a coarser level may round a column out to whole cells: never below the exact maximum
                    assertEquals(true, cols[band][col] >= max, "case " + java.util.Arrays.toString(c) + " column " + col);
                    if (per <= 1) {
                        assertEquals(max, cols[band][col], 0, "full resolution is exact");
                    }
                }
            }
        }
    }
}
