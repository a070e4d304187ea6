package dev.jvirt.vmmcore.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.vmmcore.daemon.UnixHttpClient.Response;

/** Checks of API error answers: status, JSON content type, stable code, and a message part. */
final class ApiAssertions {

    private ApiAssertions() {
    }

    static void assertError(Response r, int status, String code, String messagePart) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.headers().get("content-type")).isEqualTo("application/json");
        assertThat(r.code()).as(r.toString()).isEqualTo(code);
        assertThat(r.message()).as(r.toString()).contains(messagePart);
    }
}
