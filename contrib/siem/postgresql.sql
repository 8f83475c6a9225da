-- SPDX-License-Identifier: MIT
-- postgresql.sql - the table postfix-tls-postgresql() writes to: one row per
-- parsed Postfix delivery line, with typed columns and the indexes for
-- "TLS violations per relay per day" and lookups by queue id.
--
--   psql -d syslog-ng -f postgresql.sql
--
-- Column names follow the parser's field names (to -> recipient, from ->
-- sender, tls.requiretls.* -> requiretls_*); absent fields are NULL. The
-- fields column holds every field as one JSON object, including those with
-- no column of their own (tls.<feature>.* of extension features, extra.*).
-- Run it as the owner of the database, then grant the syslog-ng user
-- INSERT and SELECT (syslog-ng reads the column list when it starts).

CREATE TABLE IF NOT EXISTS postfix_tls_delivery (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  received_at timestamp with time zone NOT NULL,
  host text,
  queue_id text,
  recipient text,
  orig_recipient text,
  sender text,
  relay_hostname text,
  relay_address text,
  relay_port integer,
  conn_use integer,
  delay numeric,
  delays_before_qmgr numeric,
  delays_in_qmgr numeric,
  delays_conn_setup numeric,
  delays_transmission numeric,
  dsn text,
  status text,
  response text,
  response_truncated boolean,
  service text,
  syslog_name text,
  tls_raw text,
  tls_syntax text,
  tls_level text,
  tls_status text,
  tls_achieved text,
  tls_downgraded boolean,
  tls_enforcement text,
  requiretls_status text,
  requiretls_achieved text,
  requiretls_downgraded boolean,
  requiretls_enforcement text,
  tls_verdict text,
  tls_anomaly text,
  tls_error text,
  fields jsonb
);

-- Time-range scans and retention (DELETE ... WHERE received_at < ...).
CREATE INDEX IF NOT EXISTS postfix_tls_delivery_received_at
  ON postfix_tls_delivery (received_at);

-- Violations per relay per day: a partial index holding only violations.
CREATE INDEX IF NOT EXISTS postfix_tls_delivery_violations
  ON postfix_tls_delivery (received_at, relay_hostname)
  WHERE tls_verdict = 'violation';

-- REQUIRETLS violations only.
CREATE INDEX IF NOT EXISTS postfix_tls_delivery_requiretls_violations
  ON postfix_tls_delivery (received_at, relay_hostname)
  WHERE requiretls_status = 'violation';

-- Every attempt of one message.
CREATE INDEX IF NOT EXISTS postfix_tls_delivery_queue_id
  ON postfix_tls_delivery (queue_id);
