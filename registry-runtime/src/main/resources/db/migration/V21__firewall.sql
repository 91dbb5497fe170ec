-- The dependency firewall (package firewall) and quarantine, version 21. Portable SQL, as V1__core.sql says. Rows
-- name packages and versions by name, not by id: a verdict is decided for what an upstream offers, before (or
-- without) a version row being stored here.

-- The latest verdict on each version of each registry: written when it changes (a new policy, advisories or facts),
-- not on every read. inputs is a digest of what it was decided from; findings the rule outcomes as JSON.
CREATE TABLE firewall_verdict (
    registry_id  BIGINT                   NOT NULL REFERENCES registry (id) ON DELETE CASCADE,
    package_name VARCHAR(512)             NOT NULL,
    version      VARCHAR(256)             NOT NULL,
    decision     VARCHAR(16)              NOT NULL,
    reason       VARCHAR(4096)            NOT NULL,
    findings     TEXT                     NOT NULL,
    inputs       VARCHAR(64)              NOT NULL,
    evaluated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT firewall_verdict_key PRIMARY KEY (registry_id, package_name, version)
);
CREATE INDEX firewall_verdict_decision_idx ON firewall_verdict (registry_id, decision);

-- Versions taken out of service by hand, with who did it, when and why; hidden and refused like blocked ones.
CREATE TABLE firewall_quarantine (
    registry_id    BIGINT                   NOT NULL REFERENCES registry (id) ON DELETE CASCADE,
    package_name   VARCHAR(512)             NOT NULL,
    version        VARCHAR(256)             NOT NULL,
    reason         VARCHAR(1024)            NOT NULL,
    quarantined_by VARCHAR(256)             NOT NULL,
    quarantined_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT firewall_quarantine_key PRIMARY KEY (registry_id, package_name, version)
);
