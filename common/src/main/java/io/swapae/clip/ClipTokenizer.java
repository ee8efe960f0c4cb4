package io.swapae.clip;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * CLIP's byte-level BPE tokenizer with OpenAI's vocabulary ({@code bpe_simple_vocab_16e6.txt.gz}, shipped as a
 * resource), as open_clip runs it: text cleaned ({@link FtfyText}, {@code html.unescape} twice, whitespace collapsed,
 * lower-cased), split into pre-tokens by CLIP's regex, each pre-token's UTF-8 bytes mapped to printable characters
 * and merged by BPE, then {@code [start] + ids + [end]}, zero-padded to the context length, or cut to it with the
 * last id replaced by the end token. Thread-safe; BPE results are cached.
 */
public final class ClipTokenizer {

    /** Id of {@code <start_of_text>}. */
    public static final int START = 49406;
    /** Id of {@code <end_of_text>}, the largest id: text features are pooled at it. */
    public static final int END = 49407;
    /** Tokens per text of OpenAI's models. */
    public static final int CONTEXT = 77;

    private static final String VOCABULARY = "bpe_simple_vocab_16e6.txt.gz";
    private static final int MERGES = 49152 - 256 - 2;
    private static final int CACHE_LIMIT = 100_000;
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\x1c-\\x1f]+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern PRE_TOKEN = Pattern.compile(
            "<start_of_text>|<end_of_text>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
    private static final char[] BYTE_TO_CHAR = byteToChar();

    private final Map<String, Integer> encoder;
    private final Map<String, Integer> ranks;
    private final Map<String, String> cache = new ConcurrentHashMap<>();
    private final int context;

    private ClipTokenizer(Map<String, Integer> encoder, Map<String, Integer> ranks, int context) {
        this.encoder = encoder;
        this.ranks = ranks;
        this.context = context;
    }

    /** The tokenizer of OpenAI's CLIP models: 77-token context. */
    public static ClipTokenizer openAi() {
        return withContext(CONTEXT);
    }

    /** The tokenizer with OpenAI's vocabulary and {@code context} tokens per text (at least 2). */
    public static ClipTokenizer withContext(int context) {
        if (context < 2) {
            throw new IllegalArgumentException("context length must be at least 2 (start and end tokens), got "
                    + context);
        }
        List<String> merges = merges();
        List<String> vocabulary = new ArrayList<>();
        for (char c : orderedByteChars()) {
            vocabulary.add(String.valueOf(c));
        }
        for (int i = 0; i < 256; i++) {
            vocabulary.add(vocabulary.get(i) + "</w>");
        }
        Map<String, Integer> ranks = new HashMap<>();
        for (String merge : merges) {
            ranks.put(merge, ranks.size());
            vocabulary.add(merge.replace(" ", ""));
        }
        vocabulary.add("<start_of_text>");
        vocabulary.add("<end_of_text>");
        Map<String, Integer> encoder = new HashMap<>();
        for (String token : vocabulary) {
            encoder.put(token, encoder.size());
        }
        return new ClipTokenizer(encoder, ranks, context);
    }

    /** Tokens per text. */
    public int context() {
        return context;
    }

    /** The ids of {@code text}: {@code [START] + BPE ids + [END]}, padded with 0 or cut to {@link #context()}. */
    public long[] encode(String text) {
        List<Integer> bpe = bpeIds(clean(text));
        long[] ids = new long[context];
        ids[0] = START;
        int n = Math.min(bpe.size(), context - 2);
        for (int i = 0; i < n; i++) {
            ids[i + 1] = bpe.get(i);
        }
        ids[Math.min(bpe.size() + 1, context - 1)] = END;
        return ids;
    }

    /** The ids of each text, one row per text. */
    public long[][] encode(List<String> texts) {
        long[][] out = new long[texts.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = encode(texts.get(i));
        }
        return out;
    }

    /** open_clip's cleaning: ftfy, {@code html.unescape} twice, strip, whitespace runs to one space, lower case. */
    public static String clean(String text) {
        String unescaped = HtmlText.unescape(HtmlText.unescape(FtfyText.fix(text)));
        return WHITESPACE.matcher(unescaped).replaceAll(" ").trim().toLowerCase(Locale.ROOT);
    }

    /** The pre-tokens of cleaned text. */
    static List<String> preTokens(String cleaned) {
        List<String> out = new ArrayList<>();
        Matcher m = PRE_TOKEN.matcher(cleaned);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** The BPE tokens of cleaned text (pieces of the byte-mapped pre-tokens, word ends marked {@code </w>}). */
    List<String> bpeTokens(String cleaned) {
        List<String> out = new ArrayList<>();
        for (String token : preTokens(cleaned)) {
            out.addAll(Arrays.asList(bpe(byteMapped(token)).split(" ")));
        }
        return out;
    }

    /** The ids of the BPE tokens of cleaned text, without start and end. */
    List<Integer> bpeIds(String cleaned) {
        List<Integer> out = new ArrayList<>();
        for (String token : bpeTokens(cleaned)) {
            out.add(encoder.get(token));
        }
        return out;
    }

    private static String byteMapped(String token) {
        byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
        char[] chars = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            chars[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        }
        return new String(chars);
    }

    /** The merged pieces of one byte-mapped pre-token, separated by spaces. */
    private String bpe(String token) {
        if (token.equals("<start_of_text>") || token.equals("<end_of_text>")) {
            return token;
        }
        String cached = cache.get(token);
        if (cached != null) {
            return cached;
        }
        if (token.length() == 1) {
            return token + "</w>";
        }
        List<String> word = new ArrayList<>();
        for (int i = 0; i < token.length() - 1; i++) {
            word.add(String.valueOf(token.charAt(i)));
        }
        word.add(token.charAt(token.length() - 1) + "</w>");
        while (word.size() > 1) {
            int best = Integer.MAX_VALUE;
            String first = null;
            String second = null;
            for (int i = 0; i + 1 < word.size(); i++) {
                Integer rank = ranks.get(word.get(i) + " " + word.get(i + 1));
                if (rank != null && rank < best) {
                    best = rank;
                    first = word.get(i);
                    second = word.get(i + 1);
                }
            }
            if (first == null) {
                break;
            }
            List<String> merged = new ArrayList<>(word.size());
            for (int i = 0; i < word.size(); i++) {
                if (i + 1 < word.size() && word.get(i).equals(first) && word.get(i + 1).equals(second)) {
                    merged.add(first + second);
                    i++;
                } else {
                    merged.add(word.get(i));
                }
            }
            word = merged;
        }
        String result = String.join(" ", word);
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(token, result);
        return result;
    }

    private static List<String> merges() {
        try (InputStream raw = ClipTokenizer.class.getResourceAsStream(VOCABULARY)) {
            if (raw == null) {
                throw new IllegalStateException("resource io/swapae/clip/" + VOCABULARY + " is missing");
            }
            String[] lines;
            try (GZIPInputStream in = new GZIPInputStream(raw)) {
                lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
            }
            if (lines.length < MERGES + 1) {
                throw new IllegalStateException(VOCABULARY + " has " + lines.length + " lines, expected at least "
                        + (MERGES + 1));
            }
            return Arrays.asList(lines).subList(1, MERGES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + VOCABULARY + ": " + e.getMessage(), e);
        }
    }

    /**
     * GPT-2's byte-to-character map: printable Latin-1 bytes ({@code !..~}, {@code ¡..¬}, {@code ®..ÿ}) stand for
     * themselves, the other 68 bytes for U+0100 onwards in byte order.
     */
    private static char[] byteToChar() {
        char[] map = new char[256];
        int next = 256;
        for (int b = 0; b < 256; b++) {
            map[b] = printable(b) ? (char) b : (char) next++;
        }
        return map;
    }

    /** The 256 byte characters in vocabulary order: the printable bytes first, then the others. */
    private static char[] orderedByteChars() {
        char[] out = new char[256];
        int n = 0;
        for (int b = 0; b < 256; b++) {
            if (printable(b)) {
                out[n++] = BYTE_TO_CHAR[b];
            }
        }
        for (int b = 0; b < 256; b++) {
            if (!printable(b)) {
                out[n++] = BYTE_TO_CHAR[b];
            }
        }
        return out;
    }

    private static boolean printable(int b) {
        return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    }
}
