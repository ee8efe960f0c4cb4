package io.swapae.guidance;

/**
 * Adam (Kingma and Ba) on one flat vector of parameters, with PyTorch's defaults ({@code beta1 = 0.9},
 * {@code beta2 = 0.999}, {@code eps = 1e-8}) and bias correction. Elementwise: a zero gradient leaves its
 * parameter where it is.
 */
final class Adam {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final double learningRate;
    private final double[] first;
    private final double[] second;
    private int t;

    Adam(int size, double learningRate) {
        this.learningRate = learningRate;
        this.first = new double[size];
        this.second = new double[size];
    }

    /** Moves {@code parameters} one step against {@code gradient}, in place. */
    void step(float[] parameters, float[] gradient) {
        if (parameters.length != first.length || gradient.length != first.length) {
            throw new IllegalArgumentException("Adam holds " + first.length + " parameters, got "
                    + parameters.length + " and a gradient of " + gradient.length);
        }
        t++;
        double c1 = 1 - Math.pow(BETA1, t);
        double c2 = 1 - Math.pow(BETA2, t);
        for (int i = 0; i < parameters.length; i++) {
            double g = gradient[i];
            first[i] = BETA1 * first[i] + (1 - BETA1) * g;
            second[i] = BETA2 * second[i] + (1 - BETA2) * g * g;
            double m = first[i] / c1;
            double v = second[i] / c2;
            parameters[i] = (float) (parameters[i] - learningRate * m / (Math.sqrt(v) + EPS));
        }
    }
}
