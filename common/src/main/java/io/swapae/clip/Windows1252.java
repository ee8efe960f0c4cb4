package io.swapae.clip;

/**
 * Bytes 0x80-0x9F of Windows-1252 as browsers (and ftfy's "sloppy" codec) read them: the five bytes the code page
 * leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) stand for the C1 control characters of the same value. Bytes
 * outside 0x80-0x9F are Latin-1.
 */
final class Windows1252 {

    private static final char[] HIGH = {
        '\u20ac', '\u0081', '\u201a', '\u0192', '\u201e', '\u2026', '\u2020', '\u2021',
        '\u02c6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008d', '\u017d', '\u008f',
        '\u0090', '\u2018', '\u2019', '\u201c', '\u201d', '\u2022', '\u2013', '\u2014',
        '\u02dc', '\u2122', '\u0161', '\u203a', '\u0153', '\u009d', '\u017e', '\u0178'};

    private Windows1252() {
    }

    /** The character byte {@code b} (0..255) stands for. */
    static char decode(int b) {
        return b >= 0x80 && b < 0xA0 ? HIGH[b - 0x80] : (char) b;
    }

    /**
     * The byte of {@code c} in Windows-1252 or Latin-1, whichever has it (C1 controls not defined in Windows-1252
     * encode as Latin-1); -1 if neither does.
     */
    static int encode(char c) {
        if (c < 0x100) {
            return c;
        }
        for (int i = 0; i < HIGH.length; i++) {
            if (HIGH[i] == c) {
                return 0x80 + i;
            }
        }
        return -1;
    }
}
