package io.fastjukebox.app.audioview;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimeAxisTest {
    private final TimeAxis axis = new TimeAxis();

    @Test
    void zoomKeepsTheAnchorInPlaceAndStaysInsideTheClip() {
        axis.setDuration(600);
        assertEquals(new TimeAxis.Range(0, 600), axis.visible());

        axis.zoom(0.5, 150); // 150 s is at a quarter of the width before and after
        assertEquals(new TimeAxis.Range(75, 375), axis.visible());
        assertEquals(0.25 * 1000, axis.toX(150, 1000), 1e-9);

        axis.scrollTo(500);
        assertEquals(new TimeAxis.Range(300, 600), axis.visible());
        axis.zoom(4, 590);
        assertEquals(new TimeAxis.Range(0, 600), axis.visible());
        axis.zoom(1e-9, 10);
        assertEquals(TimeAxis.MIN_SPAN, axis.visible().span(), 1e-12);
        assertEquals(10, axis.toSeconds(axis.toX(10, 800), 800), 1e-9);
    }

    @Test
    void aLongerClipKeepsAZoomedViewButExtendsAFullOne() {
        axis.setDuration(10);
        axis.setDuration(20);
        assertEquals(new TimeAxis.Range(0, 20), axis.visible());
        axis.show(2, 4);
        axis.setDuration(30);
        assertEquals(new TimeAxis.Range(2, 4), axis.visible());
        axis.setDuration(3);
        assertEquals(new TimeAxis.Range(1, 3), axis.visible());
    }
}
