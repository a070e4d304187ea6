package dev.jvirt.virshcompat.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.api.json.Json;
import dev.jvirt.virshcompat.FakeJvirtd;
import dev.jvirt.virshcompat.JvirshRun;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** edit: the editor's result is defined; a rejected definition asks virsh's question. */
class EditCommandTest {

    private final FakeJvirtd fake = new FakeJvirtd();

    EditCommandTest() throws Exception {
        fake.text("GET", "/1.0/domains/web1/xml?inactive=true", "application/xml", "<domain><vcpu>1</vcpu></domain>\n");
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
    }

    private JvirshRun edit(String editor, String answers) {
        return JvirshRun.withEnv(Map.of("VISUAL", editor, "EDITOR", "false"), answers, "-c", fake.uri(), "edit", "web1");
    }

    @Test
    void theEditedDefinitionIsDefined() {
        fake.json("POST", "/1.0/domains", 201, "{\"name\":\"web1\",\"uuid\":\"u\"}");
        JvirshRun r = edit("sed -i s/1/2/", "");
        assertThat(r.out()).isEqualTo("Domain 'web1' XML configuration edited.\n\n");
        assertThat(r.status()).isZero();
        assertThat(Json.parse(fake.requests().get(1).body())).isEqualTo(Map.of("xml", "<domain><vcpu>2</vcpu></domain>\n", "no_replace", false));
    }

    @Test
    void aRejectedDefinitionAsksAndNThrowsTheChangesAway() {
        fake.json("POST", "/1.0/domains", 400, "{\"error\":{\"code\":\"invalid-definition\",\"message\":\"line 1:15: /domain/vcpu: 0 is not a CPU count\"}}");
        JvirshRun r = edit("sed -i s/1/0/", "?\nf\nn\n");
        assertThat(r.err()).isEqualTo("error: XML error: line 1:15: /domain/vcpu: 0 is not a CPU count\n"
                + "Failed. Try again? [y,n,i,f,?]:"
                + "y - yes, start editing again\nn - no, throw away my changes\n"
                + "i - turn off validation and try to redefine again (jvirtd always validates: same as f)\n"
                + "f - force, try to redefine again\n? - print this help\n"
                + "Failed. Try again? [y,n,i,f,?]:"
                + "error: XML error: line 1:15: /domain/vcpu: 0 is not a CPU count\n"
                + "Failed. Try again? [y,n,i,f,?]:"
                + "error: Failed to edit domain 'web1'\nerror: changes thrown away\n");
        assertThat(r.status()).isEqualTo(1);
        assertThat(fake.requests()).filteredOn(q -> q.method().equals("POST")).hasSize(2);
    }

    @Test
    void aFailingEditorChangesNothing() {
        JvirshRun r = edit("exit 3; :", "");
        assertThat(r.err()).startsWith("error: Failed to edit domain 'web1'\nerror: the editor 'exit 3; :' exited with status 3");
        assertThat(fake.requests()).noneMatch(q -> q.method().equals("POST"));
    }
}
