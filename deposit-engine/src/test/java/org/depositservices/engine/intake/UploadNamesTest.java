package org.depositservices.engine.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void theLengthLimitCountsBytesOfUtf8NotCharacters() {
        String e255 = "é".repeat(125) + "a.pdf";
        assertThat(e255.getBytes(StandardCharsets.UTF_8)).hasSize(255);
        assertThat(UploadNames.problem(e255)).isNull();
        assertThat(UploadNames.problem("é" + e255)).isEqualTo(
                "file name is 257 bytes of UTF-8, longer than the limit of 255 bytes most file systems hold");
        assertThat(e255.length()).as("well under 255 characters").isLessThan(140);
    }

    @Test
    void everyBidiControlIsRefusedAndShownEscaped() {
        for (char c : "\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069".toCharArray()) {
            assertThat(UploadNames.problem("invoice" + c + "fdp.exe"))
                    .contains(String.format("U+%04X", (int) c), String.format("invoice\\u%04xfdp.exe", (int) c));
        }
        // joiners shape Persian, Indic scripts and emoji: not bidirectional controls, kept
        assertThat(UploadNames.problem("می\u200Cخواهم.pdf")).isNull();
        assertThat(UploadNames.problem("résumé 2024 (final).pdf")).isNull();
    }
}
