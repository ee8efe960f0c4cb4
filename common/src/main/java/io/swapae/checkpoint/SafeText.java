package io.swapae.checkpoint;

/** Text from an untrusted file made fit for a one-line error message. */
final class SafeText {

    private static final int MAX_CHARS = 120;

    private SafeText() {
    }

    /** At most 120 printable ASCII characters of {@code s} (others become {@code ?}), with {@code ...} when cut. */
    static String printable(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < MAX_CHARS; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return s.length() > MAX_CHARS ? b + "..." : b.toString();
    }
}
