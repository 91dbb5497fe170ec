-- Revoked API tokens, version 4. Portable SQL, as V1__core.sql says.
--
-- Revoking a token keeps its row and records when, so that a client still sending it is told the token was revoked
-- (and when) rather than that it is unknown. A revoked token never authenticates and is no longer listed.
ALTER TABLE api_token ADD COLUMN revoked_at TIMESTAMP WITH TIME ZONE;
