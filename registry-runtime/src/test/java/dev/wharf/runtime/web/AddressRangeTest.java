package dev.wharf.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.net.InetAddresses;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressRangeTest {

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, 127.0.0.1, true",
        "127.0.0.1, 127.0.0.2, false",
        "10.0.0.0/8, 10.255.1.2, true",
        "10.0.0.0/8, 11.0.0.1, false",
        "192.168.1.0/23, 192.168.0.9, true",
        "192.168.1.0/24, 192.168.0.9, false",
        "0.0.0.0/0, 203.0.113.7, true",
        "127.0.0.1, ::ffff:127.0.0.1, true",
        "127.0.0.1, ::1, false",
        "::1, ::1, true",
        "fd00::/8, fd12:3456::1, true",
        "fd00::/8, fe80::1, false",
    })
    void containsShouldMatchTheAddressesOfTheRange(String range, String address, boolean contained) {
        assertThat(AddressRange.parse(range).contains(InetAddresses.forString(address)))
                .isEqualTo(contained);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingress.example", "10.0.0.0/33", "10.0.0.0/x", "::1/129", "", "10.0.0.0/"})
    void parseWhenNotAnAddressOrRangeShouldNameTheSetting(String range) {
        assertThatThrownBy(() -> AddressRange.parse(range))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("wharf.forwarded.trusted-proxies: '" + range
                        + "' is neither an IP address nor a CIDR range such as 10.0.0.0/8 or fd00::/8");
    }
}
