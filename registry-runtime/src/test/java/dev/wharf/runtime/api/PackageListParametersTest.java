package dev.wharf.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.runtime.metadata.PackageQuery;
import dev.wharf.runtime.web.RequestRefusedException;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Reading the query parameters of a package listing. */
class PackageListParametersTest {

    @Test
    void parseWhenNothingIsGivenShouldAskForTheFirstTenByName() {
        PackageQuery query = PackageListParameters.parse(new LinkedMultiValueMap<>());

        assertThat(query).isEqualTo(new PackageQuery(null, PackageQuery.Sort.NAME, false, 0, 10));
    }

    @Test
    void parseWhenSortIsNotByNameShouldDefaultToDescending() {
        assertThat(PackageListParameters.parse(parameters("sort", "downloads")).descending())
                .isTrue();
    }

    @Test
    void parseWhenSortHasCapitalsShouldAcceptIt() {
        assertThat(PackageListParameters.parse(parameters("sort", "Created")).sort())
                .isEqualTo(PackageQuery.Sort.CREATED);
    }

    @Test
    void parseWhenOrderIsGivenShouldFollowIt() {
        MultiValueMap<String, String> parameters = parameters("sort", "size");
        parameters.add("order", "asc");

        assertThat(PackageListParameters.parse(parameters).descending()).isFalse();
    }

    @Test
    void parseWhenFilterIsEmptyShouldListEverything() {
        assertThat(PackageListParameters.parse(parameters("q", "")).nameContains())
                .isNull();
    }

    @Test
    void parseWhenParameterIsRepeatedShouldRefuseIt() {
        MultiValueMap<String, String> parameters = parameters("page", "1");
        parameters.add("page", "2");

        assertThatThrownBy(() -> PackageListParameters.parse(parameters))
                .isInstanceOf(RequestRefusedException.class)
                .hasMessage("the query parameter 'page' is given 2 times; give it once");
    }

    @Test
    void parseWhenFilterIsLongerThanAPackageNameShouldRefuseIt() {
        assertThatThrownBy(() -> PackageListParameters.parse(parameters("q", "x".repeat(256))))
                .hasMessage("the query parameter 'q' is 256 characters long; a package name has at most 255");
    }

    @Test
    void parseWhenValueHoldsControlCharactersShouldNotEchoThem() {
        assertThatThrownBy(() -> PackageListParameters.parse(parameters("sort", "name\r\nforged: yes")))
                .hasMessage("the query parameter 'sort' is 'name??forged: yes'; it must be one of name, created,"
                        + " updated, downloads, size");
    }

    private static MultiValueMap<String, String> parameters(String name, String value) {
        MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
        parameters.add(name, value);
        return parameters;
    }
}
