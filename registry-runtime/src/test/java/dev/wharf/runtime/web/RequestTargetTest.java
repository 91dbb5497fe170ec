package dev.wharf.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URISyntaxException;
import org.junit.jupiter.api.Test;

class RequestTargetTest {

    @Test
    void everyCharacterInAPathOrQueryShouldBeJudgedAsTheUriParserJudgesIt() {
        for (char c = 0; c < 0x180; c++) {
            for (String target : new String[] {
                "/maven/r/a" + c + "b.jar", "/pypi/r/simple/?q=" + c, "/" + c, "/npm/r/%4" + c, "/a%" + c + "0"
            }) {
                assertThat(new RequestTarget(target).problem().isEmpty())
                        .as("target %s (character %d)", target.replace(c, '?'), (int) c)
                        .isEqualTo(parses(target));
            }
        }
    }

    @Test
    void aTargetThatIsNotAnAbsolutePathShouldStillBeParsed() {
        assertThat(new RequestTarget("/ok/%41%7e?x=1&y=/z").problem()).isEmpty();
        assertThat(new RequestTarget("/bad/%zz").problem()).get().asString().contains("not a valid URL");
        assertThat(new RequestTarget("/back\\slash").problem()).get().asString().contains("%5C");
        assertThat(new RequestTarget("*").problem().isEmpty()).isEqualTo(parses("*"));
    }

    private static boolean parses(String target) {
        try {
            new URI("http://localhost" + target);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
