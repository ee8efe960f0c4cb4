package io.swapae.model;

/**
 * Floating-point operations of one image through the encoder and the generator: convolutions, transposed
 * convolutions, FIR filters and linear layers, counted as two operations per multiply-add (elementwise work not
 * counted), the way the official figures are stated.
 */
public record FlopCount(double encode, double generate) {

    /** The count for one {@code height × width} image through {@code arch}. */
    public static FlopCount of(Architecture arch, int height, int width) {
        arch.checkInputSize(height, width);
        double macs = 3.0 * arch.encoderChannels(0) * height * width;
        long h = height;
        long w = width;
        int blur = arch.useAntialias() ? 9 : 0;
        for (int i = 0; i < arch.netENumDownsamplingSp(); i++) {
            int c = arch.encoderChannels(i);
            int c2 = arch.encoderChannels(i + 1);
            macs += 9.0 * c * c * h * w;
            macs += (double) blur * c * (h + 1) * (w + 1) + 9.0 * c * c2 * (h / 2) * (w / 2);
            macs += (double) blur * c * (h - 1) * (w - 1) + (double) c * c2 * (h / 2) * (w / 2);
            h /= 2;
            w /= 2;
        }
        int mid = arch.encoderChannels(arch.netENumDownsamplingSp());
        macs += (double) mid * mid * h * w + (double) mid * arch.spatialCodeCh() * h * w;
        long gh = h;
        long gw = w;
        for (int i = 0; i < arch.netENumDownsamplingGl(); i++) {
            int idx = arch.netENumDownsamplingSp() + i;
            gh = (gh - 3) / 2 + 1;
            gw = (gw - 3) / 2 + 1;
            macs += 9.0 * arch.encoderChannels(idx) * arch.encoderChannels(idx + 1) * gh * gw;
        }
        macs += (double) arch.encoderChannels(arch.netENumDownsamplingSp() + arch.netENumDownsamplingGl())
                * arch.globalCodeCh();
        double encode = 2 * macs;

        int style = arch.globalCodeCh();
        macs = 2.0 * style * arch.spatialCodeCh();
        int in = arch.spatialCodeCh();
        for (int i = 0; i < arch.netGNumBaseResnetLayers(); i++) {
            int out = arch.headChannels(i);
            macs += (double) style * (in + out) + 9.0 * (in * out + out * out) * h * w;
            if (in != out) {
                macs += (double) in * out * h * w;
            }
            in = out;
        }
        int upBlur = arch.useAntialias() ? 16 : 0;
        for (int j = 0; j < arch.netENumDownsamplingSp(); j++) {
            int out = arch.generatorChannels(j + 1);
            macs += (double) style * (in + out) + 9.0 * in * out * h * w;
            macs += (double) upBlur * out * (2 * h) * (2 * w) + 9.0 * out * out * (2 * h) * (2 * w);
            if (in != out) {
                macs += (double) in * out * h * w;
            }
            h *= 2;
            w *= 2;
            in = out;
        }
        macs += (double) style * in + 3.0 * in * h * w;
        return new FlopCount(encode, 2 * macs);
    }
}
