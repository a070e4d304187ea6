package dev.jvirt.vmmcore.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.vmmcore.daemon.http.ApiException;
import dev.jvirt.vmmcore.daemon.http.Handler;
import dev.jvirt.vmmcore.daemon.http.RouteTable;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private static final Handler NONE = r -> null;
    private final RouteTable t = new RouteTable()
            .get("/1.0/domains", NONE)
            .post("/1.0/domains", NONE)
            .post("/1.0/domains/create", NONE)
            .get("/1.0/domains/{name}", NONE)
            .delete("/1.0/domains/{name}", NONE)
            .post("/1.0/domains/{name}/start", NONE);

    @Test
    void literalSegmentsWinOverParameters() {
        assertThat(t.find(HttpMethod.POST, "/1.0/domains/create").route().pattern()).isEqualTo("/1.0/domains/create");
        assertThat(t.find(HttpMethod.GET, "/1.0/domains/create").params()).containsEntry("name", "create");
    }

    @Test
    void parametersAreDecoded() {
        assertThat(t.find(HttpMethod.POST, "/1.0/domains/web%20one%2Fx+y/start").params())
                .containsEntry("name", "web one/x+y");
    }

    @Test
    void unknownPathIsNotFoundAndWrongMethodListsTheAllowedOnes() {
        assertThatThrownBy(() -> t.find(HttpMethod.GET, "/1.0/nothing")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo("not-found"));
        assertThatThrownBy(() -> t.find(HttpMethod.PUT, "/1.0/domains/x")).isInstanceOfSatisfying(ApiException.class,
                e -> {
                    assertThat(e.code()).isEqualTo("method-not-allowed");
                    assertThat(e.status().code()).isEqualTo(405);
                    assertThat(e.getMessage()).contains("GET, DELETE");
                });
    }

    @Test
    void mutatingRoutesAreMarked() {
        assertThat(t.find(HttpMethod.GET, "/1.0/domains").route().mutating()).isFalse();
        assertThat(t.find(HttpMethod.DELETE, "/1.0/domains/x").route().mutating()).isTrue();
    }
}
