package dev.wharf.runtime.read;

import dev.wharf.runtime.web.RequestRefusedException;
import org.springframework.http.HttpStatus;

/**
 * A gate refused a read; the message says which rule refused what and how to get it released. Every format answers it
 * in its protocol's shape with a 403, as it answers any {@link RequestRefusedException}.
 */
public final class ReadBlockedException extends RequestRefusedException {

    private static final long serialVersionUID = 1L;

    public ReadBlockedException(String message) {
        super(HttpStatus.FORBIDDEN, "Blocked", message);
    }
}
