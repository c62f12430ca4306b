package dev.fsconform.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fsconform.result.ResultsFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PageTest {
    private static final Pattern DATA = Pattern.compile("<script type=\"application/json\" id=\"fsc-data\">(.*?)</script>", Pattern.DOTALL);

    private static String page(ResultsFile f) {
        return Report.html(f, FakeVerdicts.of(f));
    }

    /** What the page's script does: undo the template's HTML escaping, then JSON.parse. */
    static JsonNode embeddedData(String html) throws Exception {
        Matcher m = DATA.matcher(html);
        assertThat(m.find()).isTrue();
        return new ObjectMapper().readTree(unescape(m.group(1)));
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&#61;", "=").replace("&#96;", "`")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    @Test
    void hostileNamesNeverAppearAsMarkup() {
        // GIVEN environments named like markup
        // WHEN the page is rendered
        String html = page(Hostile.results());
        // THEN no hostile string appears unescaped, and exactly the page's own two scripts close
        assertThat(html).doesNotContain(Hostile.SCRIPT, Hostile.CLOSE, "<b>bold</b>", "onerror=alert");
        assertThat(html.split("</script>", -1)).hasSize(3);
        assertThat(html).doesNotContain("<!--");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void embeddedDataDecodesBackToTheExactNames() throws Exception {
        // GIVEN a page with hostile and unicode names
        String html = page(Hostile.results());
        // WHEN its data block is decoded the way the page's script does it
        JsonNode data = embeddedData(html);
        // THEN the names are exact, unicode included
        JsonNode strings = data.get("s");
        java.util.List<String> names = new java.util.ArrayList<>();
        data.get("e").forEach(e -> names.add(strings.get(e.get(0).asInt()).asText()));
        assertThat(names).containsExactlyInAnyOrder(Hostile.SCRIPT, Hostile.CLOSE, Hostile.QUOTES, Hostile.UNICODE);
    }

    @Test
    void contentSecurityPolicyAllowsExactlyThePagesOwnScriptAndNoNetwork() throws Exception {
        // GIVEN a rendered page
        String html = page(Synthetic.results(2, 10, 1));
        // WHEN the inline script's hash is computed from the page as written
        int start = html.lastIndexOf("<script>") + "<script>".length();
        String script = html.substring(start, html.indexOf("</script>", start));
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(script.getBytes(StandardCharsets.UTF_8)));
        // THEN the policy (as the browser reads the attribute) names that hash, and forbids everything else
        assertThat(unescape(html)).contains("script-src 'sha256-" + hash + "'");
        assertThat(Page.CSP).startsWith("default-src 'none';");
        assertThat(html).doesNotContain("http://", "https://", "src=\"//");
    }

    @Test
    void anEmptyMergeStillRendersAPage() throws Exception {
        // GIVEN results with no environment at all
        String html = page(ResultsFile.of("t", null, java.util.List.of()));
        // THEN the page says so and its data is empty, not broken
        assertThat(html).contains("<strong id=\"sum-envs\">0</strong>", "No findings");
        assertThat(embeddedData(html).get("e")).isEmpty();
    }

    @Test
    void styleAndScriptHaveNoMustacheTagsThatWouldBeInterpreted() {
        // GIVEN the inline resources, which the template includes as partials
        // THEN neither contains a tag opener, so they are included verbatim
        assertThat(Page.resource(Page.SCRIPT)).doesNotContain("{{");
        assertThat(Page.resource(Page.STYLE)).doesNotContain("{{");
    }

    @Test
    void summaryAndEnvironmentHeadersComeFromTheVerdicts() {
        // GIVEN three synthetic environments
        ResultsFile f = Synthetic.results(3, 30, 7);
        // WHEN rendered
        String html = page(f);
        // THEN each has a header card with its fingerprint and diagnosis, and the totals are shown
        assertThat(html).contains("id=\"env-0\"", "id=\"env-1\"", "id=\"env-2\"");
        assertThat(html).contains("env-0: ", "host-env-1", "redirect_dir");
        assertThat(html).contains("<strong id=\"sum-envs\">3</strong>", "<strong id=\"sum-cells\">90</strong>");
    }
}
