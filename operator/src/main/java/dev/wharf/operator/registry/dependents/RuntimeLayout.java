package dev.wharf.operator.registry.dependents;

/**
 * Where the registry runtime finds its inputs in the pod, and the settings that tell it so. These must agree with the
 * runtime's {@code WharfProperties}, {@code SecretsProperties} and {@code DatabaseProperties}: Spring Boot binds
 * {@code wharf.config-dir} from the environment variable {@code WHARF_CONFIGDIR} (dots become underscores, dashes are
 * dropped), and so on.
 */
public final class RuntimeLayout {

    /** The ConfigMap's mount: the manifest files, read by {@code wharf.config-dir} and reloaded when they change. */
    public static final String CONFIG_DIR = "/etc/wharf/config";

    /** Filesystem blobs ({@code blobs/}) and the embedded database ({@code metadata/}): {@code wharf.data-dir}. */
    public static final String DATA_DIR = "/var/lib/wharf";

    /** One sub-directory per mounted Secret, one file per key: {@code wharf.secrets.dir}. */
    public static final String SECRETS_DIR = "/var/run/wharf/secrets";

    /** The status Secret's mount, outside {@link #SECRETS_DIR} so that it can never shadow a Secret the user names. */
    public static final String STATUS_DIR = "/var/run/wharf/status";

    /** The status credential's file: {@code wharf.status.credential-file}. */
    public static final String STATUS_CREDENTIAL_FILE = STATUS_DIR + "/" + StatusCredentialDependent.KEY;

    /** Scratch space, since the root filesystem is read-only. */
    public static final String TMP_DIR = "/tmp";

    /** The HTTP port of the registry and its actuator endpoints. */
    public static final int HTTP_PORT = 8080;

    /** The name of that port in the pod and Service. */
    public static final String HTTP_PORT_NAME = "http";

    /**
     * The port of the runtime's metrics listener ({@code wharf.metrics.port}): Prometheus scrapes it, the Ingress never
     * routes it, and the HTTP port refuses the metrics path.
     */
    public static final int METRICS_PORT = 9090;

    /** The name of that port in the pod and Service, which the ServiceMonitor scrapes. */
    public static final String METRICS_PORT_NAME = "metrics";

    /** The variable setting the runtime's metrics port. */
    public static final String ENV_METRICS_PORT = "WHARF_METRICS_PORT";

    static final String ENV_CONFIG_DIR = "WHARF_CONFIGDIR";
    static final String ENV_DATA_DIR = "WHARF_DATADIR";
    static final String ENV_SECRETS_DIR = "WHARF_SECRETS_DIR";
    static final String ENV_DATABASE_URL = "WHARF_DATABASE_URL";
    static final String ENV_DATABASE_USERNAME = "WHARF_DATABASE_USERNAME";
    static final String ENV_DATABASE_PASSWORD_FILE = "WHARF_DATABASE_PASSWORDFILE";
    static final String ENV_DATABASE_MAX_CONNECTIONS = "WHARF_DATABASE_MAXCONNECTIONS";
    /** The variable naming the status credential file to the runtime. */
    public static final String ENV_STATUS_CREDENTIAL_FILE = "WHARF_STATUS_CREDENTIALFILE";

    static final String ENV_LOG_FORMAT = "LOGGING_STRUCTURED_FORMAT_CONSOLE";

    static final String LIVENESS_PATH = "/actuator/health/liveness";
    static final String READINESS_PATH = "/actuator/health/readiness";

    /** Where Prometheus scrapes the runtime's metrics. */
    public static final String METRICS_PATH = "/actuator/prometheus";

    private RuntimeLayout() {}

    /** The mount of one Secret: {@code <secrets dir>/<secret name>}. */
    public static String secretMount(String secretName) {
        return SECRETS_DIR + "/" + secretName;
    }
}
