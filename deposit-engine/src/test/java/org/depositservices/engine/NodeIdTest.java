package org.depositservices.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdTest {
    @TempDir
    Path data;

    @Test
    void generatedOnceInTheDataDirectoryAndTheSameAtEveryLaterStart() throws Exception {
        String first = NodeId.resolve(data, null, "PASS_DEPOSIT_NODE_ID");
        String second = NodeId.resolve(data, "  ", "PASS_DEPOSIT_NODE_ID");

        assertThat(second).isEqualTo(first);
        Path file = data.resolve("node-id");
        assertThat(Files.readString(file).trim()).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(NodeId.resolve(Files.createDirectory(data.resolve("other")), null, "X")).isNotEqualTo(first);
        try (var left = Files.list(data)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("node-id", "other");
        }
    }

    @Test
    void aConfiguredIdWinsAndNoFileIsWritten() {
        assertThat(NodeId.resolve(data, " deposit-1.example.edu ", "PASS_DEPOSIT_NODE_ID"))
                .isEqualTo("deposit-1.example.edu");
        assertThat(data.resolve("node-id")).doesNotExist();
    }

    @Test
    void aBadIdSaysWhereItCameFrom() throws Exception {
        assertThatThrownBy(() -> NodeId.resolve(data, "two words", "PASS_DEPOSIT_NODE_ID"))
                .hasMessageContaining("'two words'").hasMessageContaining("PASS_DEPOSIT_NODE_ID");
        Files.writeString(data.resolve("node-id"), "");
        assertThatThrownBy(() -> NodeId.resolve(data, null, "PASS_DEPOSIT_NODE_ID"))
                .hasMessageContaining(data.resolve("node-id").toString()).hasMessageContaining("not valid");
    }
}
