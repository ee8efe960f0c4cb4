package io.swapae.clip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ftfy subset on ftfy's own documented examples, and on text it must leave alone. */
class FtfyTextTest {

    @Test
    void mojibakeOfACombiningAccentIsUndoneAndComposed() {
        assertThat(FtfyText.fix("u\u00cc\u02c6nicode")).isEqualTo("\u00fcnicode");
    }

    @Test
    void doubleMojibakeIsUndoneTwice() {
        assertThat(FtfyText.fix("\u00c3\u00a0\u00c2\u00b2\u00c2\u00a0_\u00c3\u00a0\u00c2\u00b2\u00c2\u00a0"))
                .isEqualTo("\u0ca0_\u0ca0");
    }

    @Test
    void windows1252MojibakeOfAnEmDashIsUndone() {
        assertThat(FtfyText.fix("This \u00e2\u20ac\u201d should be an em dash"))
                .isEqualTo("This \u2014 should be an em dash");
    }

    @Test
    void entitiesLigaturesAndCurlyApostrophesAreFixed() {
        assertThat(FtfyText.fix("Broken text&hellip; it&#x2019;s \ufb02ubberi\ufb01c!"))
                .isEqualTo("Broken text\u2026 it's flubberific!");
    }

    @Test
    void entitiesStayInTextThatLooksLikeHtml() {
        assertThat(FtfyText.fix("<em>HTML entities &lt;3</em>")).isEqualTo("<em>HTML entities &lt;3</em>");
        assertThat(FtfyText.fix("HTML entities &lt;3")).isEqualTo("HTML entities <3");
    }

    @Test
    void terminalEscapesControlCharactersAndC1ReferencesAreCleaned() {
        assertThat(FtfyText.fix("\u0001\u001b[36;44mI&#x92;m blue, da ba dee da ba doo&#133;\u001b[0m"))
                .isEqualTo("I'm blue, da ba dee da ba doo\u2026");
    }

    @Test
    void fullWidthLettersAndIdeographicSpaceAreNarrowed() {
        assertThat(FtfyText.fix("\uff2c\uff2f\uff35\uff24\u3000\uff2e\uff2f\uff29\uff33\uff25\uff33"))
                .isEqualTo("LOUD NOISES");
    }

    @Test
    void lineBreaksAreUnified() {
        assertThat(FtfyText.fix("a\r\nb\rc\u2028d")).isEqualTo("a\nb\nc\nd");
    }

    @ParameterizedTest
    @ValueSource(strings = {"na\u00efve caf\u00e9", "S\u00e3o Paulo", "This text is fine already :\u00fe",
        "\u00c9T\u00c9 \u00e0 la plage", "emoji \ud83c\udf04"})
    void correctTextIsLeftAlone(String text) {
        assertThat(FtfyText.fix(text)).isEqualTo(text);
    }
}
