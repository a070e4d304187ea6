package dev.jvirt.domainxml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feeds mutated corpus files through parse → defaults → validate → format → parse for a bounded
 * time. The only exception allowed is {@link DefinitionException}; anything that parses must
 * format and parse back to an equal record.
 */
class MutationFuzzTest {
    private static final long BUDGET_MILLIS = Long.getLong("jvirt.fuzz.millis", 4000);
    private static final String[] SNIPPETS = {
        "<", ">", "/>", "'", "\"", "&", "&amp;", "&#0;", "&#x1F600;", "<!--x-->", "<![CDATA[x]]>", "<x/>",
        " unit='EiB'", " index='-1'", " slot='0x1f'", "0x", "-1", "99999999999999999999", "", " ", "\u00e9",
        "<address type='pci' slot='0x40'/>", "<boot order='1'/>", "<target dev='vda'/>", "<mac address='ff:ff:ff:ff:ff:ff'/>",
        "<?pi x?>", "<metadata><a:b xmlns:a='urn:a'/></metadata>", "xmlns:q='urn:q'", "<q:x xmlns:q='urn:q'/>"
    };

    @Test
    void mutatedInputsNeverEscapeAsOtherExceptions() {
        Random random = new Random(Long.getLong("jvirt.fuzz.seed", 20261123L));
        List<String> seeds = new ArrayList<>();
        for (Corpus c : Corpus.values()) {
            for (Path p : c.files()) {
                seeds.add(c.ordinal() + Corpus.read(p));
            }
        }
        long end = System.currentTimeMillis() + BUDGET_MILLIS;
        int runs = 0;
        int accepted = 0;
        while (System.currentTimeMillis() < end) {
            String seed = seeds.get(random.nextInt(seeds.size()));
            Corpus kind = Corpus.values()[seed.charAt(0) - '0'];
            String input = mutate(seed.substring(1), random);
            runs++;
            try {
                Object parsed = kind.parse.apply(input);
                Object filled = kind.fill.apply(parsed, random);
                kind.validate.apply(filled);
                String text = kind.format.apply(parsed);
                assertThat(kind.parse.apply(text)).as("round trip of mutated input:%n%s", input).isEqualTo(parsed);
                kind.format.apply(filled);
                accepted++;
            } catch (DefinitionException expected) {
                assertThat(expected.getMessage()).doesNotContain("\n");
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("unexpected " + e + " for input:\n" + input, e);
            }
        }
        assertThat(runs).as("runs (a loaded machine may manage few)").isGreaterThan(10);
        assertThat(accepted).as("some mutants are still valid XML").isPositive();
    }

    private static String mutate(String s, Random r) {
        StringBuilder b = new StringBuilder(s);
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n && b.length() > 0; i++) {
            int pos = r.nextInt(b.length());
            switch (r.nextInt(5)) {
                case 0:
                    b.deleteCharAt(pos);
                    break;
                case 1:
                    b.insert(pos, SNIPPETS[r.nextInt(SNIPPETS.length)]);
                    break;
                case 2:
                    b.setCharAt(pos, (char) (32 + r.nextInt(95)));
                    break;
                case 3: {
                    int len = Math.min(b.length() - pos, 1 + r.nextInt(40));
                    String chunk = b.substring(pos, pos + len);
                    b.insert(r.nextInt(b.length()), chunk);
                    break;
                }
                default: {
                    int q = b.indexOf("'", pos);
                    if (q > 0 && q + 1 < b.length()) {
                        b.insert(q + 1, SNIPPETS[r.nextInt(SNIPPETS.length)].replace("'", ""));
                    }
                }
            }
        }
        return b.toString();
    }
}
