package io.flinkcertify.harness.metric;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EDivisiveTest {

    private static double[] steps(long seed, double cv, double... levelsOf20) {
        Well19937c random = new Well19937c(seed);
        double[] x = new double[20 * levelsOf20.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = levelsOf20[i / 20] * (1 + cv * random.nextGaussian());
        }
        return x;
    }

    @Test
    void findsTwoStepsNearWhereTheyAre() {
        List<EDivisive.ChangePoint> points = EDivisive.changePoints(steps(11, 0.02, 100, 130, 90), 0.001);
        assertEquals(2, points.size(), points.toString());
        assertTrue(Math.abs(points.get(0).index() - 20) <= 2, points.toString());
        assertTrue(Math.abs(points.get(1).index() - 40) <= 2, points.toString());
        points.forEach(p -> assertTrue(p.pValue() <= 0.001, points.toString()));
    }

    @Test
    void noStepNoChangePoint() {
        assertEquals(List.of(), EDivisive.changePoints(steps(11, 0.05, 100, 100, 100), 0.001));
    }

    @Test
    void theEnergyStatisticPeaksAtTheStep() {
        double[] x = {1, 1, 1, 1, 5, 5, 5, 5};
        assertTrue(EDivisive.energy(x, 0, 4, 8) > EDivisive.energy(x, 0, 3, 8));
        assertTrue(EDivisive.energy(x, 0, 4, 8) > EDivisive.energy(x, 0, 5, 8));
    }
}
