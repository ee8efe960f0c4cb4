package io.swapae.clip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Character references decoded as Python's {@code html.unescape} and ftfy's {@code unescape_html} decode them. */
class HtmlTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "&amp|&",
        "&ampfoo|&foo",
        "&notit;|\u00acit;",
        "&notin;|\u2209",
        "&#x41;&#65|AA",
        "&#0;|\ufffd",
        "&#128;&#x9d;|\u20ac\u009d",
        "&#xD800;|\ufffd",
        "&#1114112;|\ufffd",
        "&#99999999999999999999;|\ufffd",
        "&#1;x|x",
        "&#xfffe;y|y",
        "&bogus;|&bogus;",
        "&AMP;|&",
        "&Amp;|&Amp;",
        "a&b|a&b",
    })
    void unescapeDecodesAsPythonDoes(String escaped, String expected) {
        assertThat(HtmlText.unescape(escaped)).isEqualTo(expected);
    }

    @Test
    void carriageReturnReferenceBecomesACarriageReturn() {
        assertThat(HtmlText.unescape("a&#13;b")).isEqualTo("a\rb");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "&amp|&amp",
        "this&not that|this&not that",
        "P&EACUTE;REZ|P\u00c9REZ",
        "&eacute; &Eacute;|\u00e9 \u00c9",
        "&#x2019;|\u2019",
        "&#x2019|&#x2019",
        "&bogus;|&bogus;",
    })
    void strictUnescapeDecodesOnlyTerminatedReferencesAsFtfyDoes(String escaped, String expected) {
        assertThat(HtmlText.unescapeStrict(escaped)).isEqualTo(expected);
    }
}
