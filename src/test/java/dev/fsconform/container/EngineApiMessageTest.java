package dev.fsconform.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketException;
import org.junit.jupiter.api.Test;

class EngineApiMessageTest {
    @Test
    void aLostSocketReadsAsTheEngineStopping() {
        // GIVEN the transport's failure once the engine's socket is gone, wrapped as docker-java wraps it
        RuntimeException e = new RuntimeException(new java.io.UncheckedIOException(
                new java.io.IOException(new SocketException("No such file or directory"))));

        // THEN the reason says the engine stopped, with the transport's own words
        assertThat(EngineApi.oneLine(e)).isEqualTo("the Docker engine stopped answering (SocketException: No such file or directory)");
    }

    @Test
    void theEnginesOwnAnswerIsKept() {
        RuntimeException e = new RuntimeException("Status 409: {\"message\":\"Conflict. The name is in use\"}\n");

        assertThat(EngineApi.oneLine(e)).isEqualTo("Conflict. The name is in use");
    }
}
