package io.swapae.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GalleryPageTest {

    @Test
    void picturesUnderTheOutputRootAreLinkedRelativeToTheRunsPages() {
        assertThat(GalleryPage.relative("s3a://bucket/out/images/swap/ab.png", "s3a://bucket/out"))
                .isEqualTo("../../images/swap/ab.png");
        assertThat(GalleryPage.relative("file:/data/out/images/swap/ab.png", "file:///data/out/"))
                .isEqualTo("../../images/swap/ab.png");
    }

    @Test
    void picturesElsewhereKeepTheirUri() {
        assertThat(GalleryPage.relative("s3a://other/out/images/ab.png", "s3a://bucket/out"))
                .isEqualTo("s3a://other/out/images/ab.png");
        assertThat(GalleryPage.relative("s3a://bucket/outer/ab.png", "s3a://bucket/out"))
                .isEqualTo("s3a://bucket/outer/ab.png");
        assertThat(GalleryPage.relative("hdfs://nn/out/ab.png", "s3a://nn/out"))
                .isEqualTo("hdfs://nn/out/ab.png");
    }
}
