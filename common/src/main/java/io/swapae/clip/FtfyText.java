package io.swapae.clip;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The part of ftfy's {@code fix_text} (ftfy 6, default settings) that CLIP's tokenizer relies on, applied per line
 * and repeated until the text stops changing, in ftfy's order: HTML references ending in {@code ;} decoded unless
 * the text holds a {@code <}; UTF-8 mojibake undone (text that was UTF-8 read as Latin-1 / Windows-1252, such as
 * {@code cafÃ©}); leftover C1 controls read as Windows-1252; Latin ligatures split ({@code ﬁ} to {@code fi});
 * full-width and half-width forms narrowed; curly quotes straightened; line breaks unified; lone surrogates replaced;
 * terminal escapes and control characters removed; NFC.
 *
 * <p>Where this differs from ftfy: mojibake is undone only when every non-ASCII character of the line is part of
 * one (the whole line, re-encoded, is valid UTF-8 with at least one multi-byte sequence), instead of ftfy's badness
 * heuristic; the other code pages ftfy tries (Windows-1250/1251/1253/1254/1257, ISO-8859-2, MacRoman, CP437),
 * mojibake mixed with correct text, spaces that replaced byte 0xA0 and lossy {@code \uFFFD} sequences are left as
 * they are.
 */
final class FtfyText {

    private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001b\\[((?:\\d|;)*)([a-zA-Z])");
    private static final Map<Character, String> LIGATURES = Map.ofEntries(
            Map.entry('\u0132', "IJ"), Map.entry('\u0133', "ij"), Map.entry('\u0149', "\u02bcn"),
            Map.entry('\u01f1', "DZ"), Map.entry('\u01f2', "Dz"), Map.entry('\u01f3', "dz"),
            Map.entry('\u01c4', "D\u017d"), Map.entry('\u01c5', "D\u017e"), Map.entry('\u01c6', "d\u017e"),
            Map.entry('\u01c7', "LJ"), Map.entry('\u01c8', "Lj"), Map.entry('\u01c9', "lj"),
            Map.entry('\u01ca', "NJ"), Map.entry('\u01cb', "Nj"), Map.entry('\u01cc', "nj"),
            Map.entry('\ufb00', "ff"), Map.entry('\ufb01', "fi"), Map.entry('\ufb02', "fl"),
            Map.entry('\ufb03', "ffi"), Map.entry('\ufb04', "ffl"), Map.entry('\ufb05', "\u017ft"),
            Map.entry('\ufb06', "st"));

    private FtfyText() {
    }

    /** {@code ftfy.fix_text(text)} within the subset above. */
    static String fix(String text) {
        StringBuilder out = new StringBuilder();
        boolean entities = true;
        int pos = 0;
        while (pos < text.length()) {
            int end = text.indexOf('\n', pos) + 1;
            if (end == 0) {
                end = text.length();
            }
            String segment = text.substring(pos, end);
            if (segment.indexOf('<') >= 0) {
                entities = false;
            }
            out.append(fixSegment(segment, entities));
            pos = end;
        }
        return out.toString();
    }

    private static String fixSegment(String text, boolean entities) {
        while (true) {
            String original = text;
            if (entities) {
                text = HtmlText.unescapeStrict(text);
            }
            text = fixEncoding(text);
            text = fixC1Controls(text);
            text = splitLigatures(text);
            text = narrowWidth(text);
            text = uncurlQuotes(text);
            text = text.replace("\r\n", "\n").replace('\r', '\n').replace('\u2028', '\n').replace('\u2029', '\n')
                    .replace('\u0085', '\n');
            text = fixSurrogates(text);
            text = ANSI_ESCAPE.matcher(text).replaceAll("");
            text = removeControlChars(text);
            text = Normalizer.normalize(text, Normalizer.Form.NFC);
            if (text.equals(original)) {
                return text;
            }
        }
    }

    /** UTF-8 read as Latin-1 / Windows-1252, decoded again, as often as that works. */
    private static String fixEncoding(String text) {
        while (true) {
            String fixed = reinterpretAsUtf8(text);
            if (fixed == null || fixed.equals(text)) {
                return text;
            }
            text = fixed;
        }
    }

    private static String reinterpretAsUtf8(String text) {
        byte[] bytes = new byte[text.length()];
        boolean multiByte = false;
        for (int i = 0; i < text.length(); i++) {
            int b = Windows1252.encode(text.charAt(i));
            if (b < 0) {
                return null;
            }
            multiByte |= b >= 0x80;
            bytes[i] = (byte) b;
        }
        if (!multiByte) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String fixC1Controls(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            b.append(c >= 0x80 && c < 0xA0 ? Windows1252.decode(c) : c);
        }
        return b.toString();
    }

    private static String splitLigatures(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String split = LIGATURES.get(c);
            if (split != null) {
                b.append(split);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** U+3000 to a space; U+FF01..U+FFEF to their NFKC forms. */
    private static String narrowWidth(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u3000') {
                b.append(' ');
            } else if (c >= '\uff01' && c <= '\uffef') {
                b.append(Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKC));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String uncurlQuotes(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u02bc' || (c >= '\u2018' && c <= '\u201b')) {
                b.append('\'');
            } else if (c >= '\u201c' && c <= '\u201f') {
                b.append('"');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String fixSurrogates(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                b.append(c).append(text.charAt(++i));
            } else {
                b.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }

    private static String removeControlChars(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c <= 0x08 || c == 0x0B || (c >= 0x0E && c <= 0x1F) || c == 0x7F
                    || (c >= 0x206A && c <= 0x206F) || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFC);
            if (!control) {
                b.append(c);
            }
        }
        return b.toString();
    }
}
