package io.swapae.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageDecoderFormatsTest {

    private final ImageDecoder decoder = new ImageDecoder();

    @ParameterizedTest
    @ValueSource(strings = {"png", "bmp", "tiff"})
    void losslessRgbFormatsDecodeExactly(String format) throws Exception {
        BufferedImage source = TestImages.noise(13, 7, 1);

        RgbImage image = decoder.decode(TestImages.encode(source, format));

        assertThat(image).isEqualTo(RgbConversion.toRgb(source));
        assertThat(image.rgb(3, 5)).isEqualTo(source.getRGB(3, 5) & 0xFFFFFF);
    }

    @Test
    void sixteenBitPngKeepsTheHighByteAsPillowDoes() throws Exception {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(2, 1);
        raster.setPixel(0, 0, new int[] {0x1234, 0xABFF, 0x00FF});
        raster.setPixel(1, 0, new int[] {0xFFFF, 0x0000, 0x8080});

        RgbImage image = decoder.decode(TestImages.encode(new BufferedImage(cm, raster, false, null), "png"));

        assertThat(image.pixels()).containsExactly(0x12, 0xAB, 0x00, 0xFF, 0x00, 0x80);
    }

    @Test
    void grayPngKeepsItsLevelsWithoutGammaConversion() throws Exception {
        BufferedImage gray = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(0, 0, 0, 100);
        gray.getRaster().setSample(1, 0, 0, 7);

        RgbImage image = decoder.decode(TestImages.encode(gray, "png"));

        assertThat(image.pixels()).containsExactly(100, 100, 100, 7, 7, 7);
    }

    @Test
    void sixteenBitGrayPngKeepsTheHighByte() throws Exception {
        BufferedImage gray = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_GRAY);
        gray.getRaster().setSample(0, 0, 0, 0x9A10);

        assertThat(decoder.decode(TestImages.encode(gray, "png")).pixels()).containsExactly(0x9A, 0x9A, 0x9A);
    }

    @Test
    void palettePngUsesThePaletteColoursIgnoringTransparency() throws Exception {
        byte[] r = {(byte) 255, 0, 10, 0};
        byte[] g = {0, (byte) 255, 20, 0};
        byte[] b = {0, 0, 30, (byte) 255};
        IndexColorModel palette = new IndexColorModel(2, 4, r, g, b, 2);
        BufferedImage indexed = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_BINARY, palette);
        indexed.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {1, 2, 3});

        RgbImage image = decoder.decode(TestImages.encode(indexed, "png"));

        assertThat(image.pixels()).containsExactly(0, 255, 0, 10, 20, 30, 0, 0, 255);
    }

    @Test
    void alphaIsDroppedNotCompositedAsPillowConvertRgbDoes() throws Exception {
        BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x00112233);
        argb.setRGB(1, 0, 0x80FF8040);

        RgbImage image = decoder.decode(TestImages.encode(argb, "png"));

        assertThat(image.rgb(0, 0)).isEqualTo(0x112233);
        assertThat(image.rgb(1, 0)).isEqualTo(0xFF8040);
    }

    @Test
    void jpegDecodesCloseToTheSource() throws Exception {
        RgbImage image = decoder.decode(TestImages.encode(
                TestImages.flat(16, 16, 0x3080C0, BufferedImage.TYPE_3BYTE_BGR), "jpeg"));

        assertThat(image.size()).isEqualTo(new ImageSize(16, 16));
        assertThat(image.get(8, 8, 0)).isBetween(0x30 - 3, 0x30 + 3);
        assertThat(image.get(8, 8, 1)).isBetween(0x80 - 3, 0x80 + 3);
        assertThat(image.get(8, 8, 2)).isBetween(0xC0 - 3, 0xC0 + 3);
    }

    @Test
    void progressiveJpegDecodesCloseToPillow() throws Exception {
        RgbImage image = decoder.decode(Fixtures.bytes("/fixtures/decode/progressive.jpg"));
        RgbImage pillow = Fixtures.image("/fixtures/decode/progressive.png");

        assertThat(PixelDiff.between(image, pillow).maxAbs()).isLessThanOrEqualTo(4);
    }

    @Test
    void cmykJpegWithoutProfileIsConvertedAsPillowDoes() throws Exception {
        RgbImage image = decoder.decode(Fixtures.bytes("/fixtures/decode/cmyk.jpg"));
        RgbImage pillow = Fixtures.image("/fixtures/decode/cmyk.png");

        assertThat(image.size()).isEqualTo(pillow.size());
        for (int[] p : new int[][] {{4, 4}, {12, 4}, {4, 12}, {12, 12}}) {
            for (int c = 0; c < 3; c++) {
                assertThat(image.get(p[0], p[1], c)).as("(%d, %d) channel %d", p[0], p[1], c)
                        .isCloseTo(pillow.get(p[0], p[1], c), Offset.offset(2));
            }
        }
    }

    @Test
    void gifDecodesItsFirstFrame() throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new IIOImage(TestImages.flat(16, 12, 0xFF0000, BufferedImage.TYPE_BYTE_INDEXED),
                    null, null), null);
            writer.writeToSequence(new IIOImage(TestImages.flat(16, 12, 0x0000FF, BufferedImage.TYPE_BYTE_INDEXED),
                    null, null), null);
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }

        RgbImage image = decoder.decode(bytes.toByteArray());

        assertThat(image.size()).isEqualTo(new ImageSize(16, 12));
        assertThat(image.rgb(9, 7)).isEqualTo(0xFF0000);
    }

    @Test
    void losslessWebpDecodesExactly() throws Exception {
        RgbImage image = decoder.decode(Fixtures.bytes("/fixtures/decode/lossless.webp"));

        assertThat(image).isEqualTo(Fixtures.image("/fixtures/decode/webp-source.png"));
    }

    @Test
    void lossyWebpDecodesCloseToTheSource() throws Exception {
        RgbImage image = decoder.decode(Fixtures.bytes("/fixtures/decode/lossy.webp"));

        PixelDiff diff = PixelDiff.between(image, Fixtures.image("/fixtures/decode/webp-source.png"));
        assertThat(diff.maxAbs()).as(diff.toString()).isLessThanOrEqualTo(40);
    }

    @Test
    void inputStreamDecodesLikeBytes() throws Exception {
        byte[] png = TestImages.encode(TestImages.noise(5, 4, 2), "png");

        assertThat(decoder.decode(new ByteArrayInputStream(png))).isEqualTo(decoder.decode(png));
    }

    @Test
    void probeReadsFormatAndSizeFromTheHeader() throws Exception {
        assertThat(decoder.probe(TestImages.encode(TestImages.noise(9, 4, 3), "bmp")))
                .isEqualTo(new ImageInfo(ImageFormat.BMP, 9, 4));
    }
}
