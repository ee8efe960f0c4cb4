package io.swapae.clip;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTML character references in plain text, decoded two ways: {@link #unescape} as Python's {@code html.unescape}
 * (HTML5 named references, the legacy ones also without a semicolon, numeric references with the HTML5 fix-ups),
 * and {@link #unescapeStrict} as ftfy's {@code unescape_html} (only references ending in a semicolon, plus
 * upper-case forms of the lower-case names). The named references are the WHATWG table, shipped as a resource.
 */
final class HtmlText {

    private static final Pattern CHARREF =
            Pattern.compile("&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\\t\\n\\f <&#;]{1,32};?)");
    private static final Pattern STRICT_ENTITY = Pattern.compile("&#?[0-9A-Za-z]{1,24};");
    private static final Map<String, String> HTML5 = load();
    private static final Map<String, String> STRICT = strictTable();

    private HtmlText() {
    }

    /** Python's {@code html.unescape(text)}. */
    static String unescape(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        return CHARREF.matcher(text).replaceAll(m -> Matcher.quoteReplacement(reference(m.group(1))));
    }

    /** ftfy's {@code unescape_html(text)}. */
    static String unescapeStrict(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        return STRICT_ENTITY.matcher(text).replaceAll(m -> Matcher.quoteReplacement(strict(m.group())));
    }

    private static String strict(String entity) {
        String named = STRICT.get(entity);
        if (named != null) {
            return named;
        }
        if (entity.startsWith("&#")) {
            String decoded = unescape(entity);
            return decoded.contains(";") ? entity : decoded;
        }
        return entity;
    }

    private static String reference(String s) {
        if (s.charAt(0) == '#') {
            boolean hex = s.length() > 1 && (s.charAt(1) == 'x' || s.charAt(1) == 'X');
            String digits = s.substring(hex ? 2 : 1);
            if (digits.endsWith(";")) {
                digits = digits.substring(0, digits.length() - 1);
            }
            return numeric(new BigInteger(digits, hex ? 16 : 10));
        }
        String named = HTML5.get(s);
        if (named != null) {
            return named;
        }
        for (int x = s.length() - 1; x > 1; x--) {
            String prefix = HTML5.get(s.substring(0, x));
            if (prefix != null) {
                return prefix + s.substring(x);
            }
        }
        return "&" + s;
    }

    private static String numeric(BigInteger value) {
        if (value.compareTo(BigInteger.valueOf(0x10FFFF)) > 0) {
            return "\uFFFD";
        }
        int cp = value.intValue();
        if (cp == 0) {
            return "\uFFFD";
        }
        if (cp == 0x0D) {
            return "\r";
        }
        if (cp >= 0x80 && cp <= 0x9F) {
            return String.valueOf(Windows1252.decode(cp));
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            return "\uFFFD";
        }
        if ((cp >= 0x1 && cp <= 0x8) || cp == 0xB || (cp >= 0xE && cp <= 0x1F) || cp == 0x7F
                || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
            return "";
        }
        return new String(Character.toChars(cp));
    }

    private static Map<String, String> load() {
        Map<String, String> table = new HashMap<>();
        try (InputStream in = HtmlText.class.getResourceAsStream("html5-entities.tsv")) {
            if (in == null) {
                throw new IllegalStateException("resource io/swapae/clip/html5-entities.tsv is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                StringBuilder value = new StringBuilder();
                for (String hex : line.substring(tab + 1).split(" ")) {
                    value.appendCodePoint(Integer.parseInt(hex, 16));
                }
                table.put(line.substring(0, tab), value.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return table;
    }

    private static Map<String, String> strictTable() {
        Map<String, String> table = new HashMap<>();
        for (Map.Entry<String, String> e : HTML5.entrySet()) {
            String name = e.getKey();
            if (!name.endsWith(";")) {
                continue;
            }
            table.put("&" + name, e.getValue());
            if (name.equals(name.toLowerCase(Locale.ROOT))) {
                String upper = "&" + name.toUpperCase(Locale.ROOT);
                if (unescape(upper).equals(upper)) {
                    table.put(upper, e.getValue().toUpperCase(Locale.ROOT));
                }
            }
        }
        return table;
    }
}
