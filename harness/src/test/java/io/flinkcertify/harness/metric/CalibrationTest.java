package io.flinkcertify.harness.metric;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalibrationTest {

    private final Calibration calibration = new Calibration(new ChangeDetector(DetectorSettings.DEFAULTS));

    @Test
    void theSameSeedGivesTheSameFigures() {
        Calibration.Setup setup = new Calibration.Setup(5, 0.05, 9, 100, 3);
        assertEquals(calibration.run(setup), calibration.run(setup));
    }

    @Test
    void moreNoiseDetectsLessAndTheDefaultTrialsDetectATenPercentDropAtFivePercentNoise() {
        Calibration.Figures quiet = calibration.run(new Calibration.Setup(5, 0.05, 1, 300, 3));
        Calibration.Figures loud = calibration.run(new Calibration.Setup(5, 0.15, 1, 300, 3));
        assertTrue(quiet.detection() >= 0.9 && quiet.falseAlarms() <= 0.08, quiet.line());
        assertTrue(loud.detection() < quiet.detection(), loud.line() + " vs " + quiet.line());
    }
}
