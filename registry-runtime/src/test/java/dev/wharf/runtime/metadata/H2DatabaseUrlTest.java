package dev.wharf.runtime.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2dbc.spi.ConnectionFactoryOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@link H2DatabaseUrl}: the R2DBC URL it writes names the same database for R2DBC and reads back the same. */
class H2DatabaseUrlTest {

    @Test
    void r2dbcUrlWhenPathIsAbsoluteShouldNameItForR2dbc() {
        DatabaseUrl url = DatabaseUrl.embedded(Path.of("/var/lib/wharf data/ü 100%"));

        ConnectionFactoryOptions options = ConnectionFactoryOptions.parse(url.r2dbcUrl());

        assertThat(url.r2dbcUrl()).startsWith("r2dbc:h2:file:////var/lib/wharf%20data/%C3%BC%20100%25/metadata/wharf;");
        assertThat((String) options.getRequiredValue(ConnectionFactoryOptions.DATABASE))
                .startsWith("/var/lib/wharf data/ü 100%/metadata/wharf;");
    }

    @Test
    void parseWhenGivenItsOwnR2dbcUrlShouldReturnTheSameDatabase() {
        DatabaseUrl url = DatabaseUrl.embedded(Path.of("/srv/my data/100%"));

        DatabaseUrl again = DatabaseUrl.parse(url.r2dbcUrl());

        assertThat(again).isEqualTo(url);
        assertThat(again.jdbcUrl()).startsWith("jdbc:h2:file:/srv/my data/100%/metadata/wharf;");
    }

    @Test
    void parseWhenPathHasThreeSlashesShouldReadItAsAbsolute() {
        assertThat(DatabaseUrl.parse("r2dbc:h2:file:///var/lib/wharf/db").description())
                .isEqualTo("H2 file:/var/lib/wharf/db");
    }

    @Test
    void parseWhenPercentIsNoEscapeShouldSayHowToWriteIt() {
        assertThatThrownBy(() -> DatabaseUrl.parse("r2dbc:h2:file:///data/50%off"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the H2 database path in wharf.database.url holds a '%' that is not a percent-escape;"
                        + " write %25 for a '%' and %20 for a space");
    }

    @Test
    void r2dbcUrlWhenInMemoryShouldNameTheDatabase() {
        DatabaseUrl url = DatabaseUrl.parse("r2dbc:h2:mem:///wharf-test");

        assertThat(ConnectionFactoryOptions.parse(url.r2dbcUrl()).getRequiredValue(ConnectionFactoryOptions.DATABASE))
                .asString()
                .startsWith("wharf-test;");
        assertThat(DatabaseUrl.parse(url.r2dbcUrl())).isEqualTo(url);
    }
}
