package dev.wharf.runtime.storage;

import io.minio.errors.MinioException;
import io.minio.messages.ErrorResponse;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * Turns what the MinIO client throws into a {@link StorageException} that says what failed, where, and what to check.
 * Messages are built from the S3 error code and the location only, so they never carry a credential; the MinIO
 * exception stays as the cause (it redacts the signature and credential of the request itself).
 */
final class S3Errors {

    private static final String ERROR_RESPONSE_EXCEPTION = "io.minio.errors.ErrorResponseException";

    private static final Set<String> CREDENTIAL_CODES = Set.of(
            "AccessDenied",
            "InvalidAccessKeyId",
            "SignatureDoesNotMatch",
            "InvalidToken",
            "ExpiredToken",
            "AuthorizationHeaderMalformed");

    private final String location;

    S3Errors(S3Settings settings) {
        this.location = settings.location();
    }

    /** The failure a future or the client wrapped, without the wrapping. */
    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        if (current instanceof MinioException && answer(current) == null) {
            Throwable cause = current.getCause();
            if (cause != null) {
                return cause;
            }
        }
        return current;
    }

    /** The S3 error code of the failure, such as {@code NoSuchKey}, or null when S3 did not answer with one. */
    static @Nullable String code(Throwable failure) {
        Answer answer = answer(unwrap(failure));
        return answer == null ? null : answer.code();
    }

    /** Whether the failure says the object is not there (the bucket is). */
    static boolean isNotFound(Throwable failure) {
        Answer answer = answer(unwrap(failure));
        if (answer == null) {
            return false;
        }
        return "NoSuchKey".equals(answer.code())
                || "NoSuchObject".equals(answer.code())
                || (answer.status() == 404 && !"NoSuchBucket".equals(answer.code()));
    }

    /** Whether S3 answered the request with a client error (4xx), so it certainly did not carry it out. */
    static boolean isRefusal(Throwable failure) {
        Answer answer = answer(unwrap(failure));
        return answer != null && answer.status() >= 400 && answer.status() < 500;
    }

    /** A failure to {@code action} (such as "store an upload"), as a {@link StorageException}. */
    StorageException translate(String action, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof StorageException storage) {
            return storage;
        }
        Answer answer = answer(cause);
        String message;
        if (answer != null) {
            message = "S3 refused to " + action + " in " + location + ": " + answer.code()
                    + (answer.status() > 0 ? " (HTTP " + answer.status() + ")" : "")
                    + (answer.detail().isBlank() ? "" : ", " + answer.detail()) + hint(answer.code());
        } else if (cause instanceof IOException) {
            message = "could not reach S3 to " + action + " in " + location + ": " + cause;
        } else {
            message = "S3 failed to " + action + " in " + location + ": " + cause;
        }
        return new StorageException(message, cause);
    }

    private static String hint(@Nullable String code) {
        if (code != null && CREDENTIAL_CODES.contains(code)) {
            return "; check the access key and secret key of the storage credentials and the bucket's policy";
        }
        if ("NoSuchBucket".equals(code)) {
            return "; the bucket must exist before the registry uses it";
        }
        return "";
    }

    /**
     * The error answer S3 sent, when the failure is MinIO's {@code ErrorResponseException}. That class is read
     * reflectively: naming it makes javac look for the SpotBugs annotation on one of its fields, which MinIO does not
     * bring along, and {@code -Werror} turns javac's warning into a build failure.
     */
    private static @Nullable Answer answer(Throwable failure) {
        if (!failure.getClass().getName().equals(ERROR_RESPONSE_EXCEPTION)) {
            return null;
        }
        try {
            Object response = failure.getClass().getMethod("errorResponse").invoke(failure);
            Object http = failure.getClass().getMethod("response").invoke(failure);
            if (!(response instanceof ErrorResponse error)) {
                return null;
            }
            int status = http instanceof okhttp3.Response answer ? answer.code() : 0;
            String code = error.code();
            String detail = error.message();
            return new Answer(code == null ? "" : code, status, detail == null ? "" : detail);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** What S3 answered: its error code, the HTTP status (0 when unknown) and its message. */
    private record Answer(String code, int status, String detail) {}
}
