-- Secrets every replica of a runtime must agree on, version 3. Portable SQL, as V1__core.sql says.
--
-- The replicas of one registry share this database but nothing else: a key one of them generates here is the key all
-- of them use (the first to start inserts it, the others read it). The docker token endpoint's signing key lives here
-- unless wharf.oci.token-key sets one, so a token issued by one replica is accepted by the others.
CREATE TABLE shared_key (
    name       VARCHAR(100)             NOT NULL PRIMARY KEY,
    key_base64 VARCHAR(400)             NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
