package dev.wharf.runtime.web;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;

/** An IPv4 or IPv6 address, or a CIDR range of them such as {@code 10.0.0.0/8}. */
final class AddressRange {

    private final byte[] network;
    private final int bits;

    private AddressRange(byte[] network, int bits) {
        this.network = network;
        this.bits = bits;
    }

    /**
     * @throws IllegalArgumentException naming the setting when {@code range} is neither an address nor a CIDR range
     */
    static AddressRange parse(String range) {
        String text = range.strip();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (!InetAddresses.isInetAddress(address)) {
            throw invalid(range);
        }
        byte[] network = InetAddresses.forString(address).getAddress();
        int bits = network.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw invalid(range);
            }
            if (bits < 0 || bits > network.length * 8) {
                throw invalid(range);
            }
        }
        return new AddressRange(network, bits);
    }

    private static IllegalArgumentException invalid(String range) {
        return new IllegalArgumentException("wharf.forwarded.trusted-proxies: '" + range
                + "' is neither an IP address nor a CIDR range such as 10.0.0.0/8 or fd00::/8");
    }

    /** Whether {@code address} is in the range; an IPv4 address mapped into IPv6 counts as the IPv4 address. */
    boolean contains(InetAddress address) {
        byte[] bytes = unmapped(address.getAddress());
        if (bytes.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < bits; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] unmapped(byte[] bytes) {
        if (bytes.length != 16) {
            return bytes;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return bytes;
            }
        }
        if (bytes[10] != (byte) 0xff || bytes[11] != (byte) 0xff) {
            return bytes;
        }
        return new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
    }
}
