-- SPDX-License-Identifier: MIT
-- postgresql-queries.sql - example reports over postfix_tls_delivery
-- (contrib/siem/postgresql.sql). Days are cut in the session's TimeZone.

-- TLS policy violations per relay per day, most first.
SELECT date_trunc('day', received_at) AS day, relay_hostname, count(*) AS violations
  FROM postfix_tls_delivery
 WHERE tls_verdict = 'violation'
 GROUP BY 1, 2
 ORDER BY 1, 3 DESC, 2;

-- REQUIRETLS violations per relay per day, with the reasons seen.
SELECT date_trunc('day', received_at) AS day, relay_hostname,
       count(*) AS violations,
       string_agg(DISTINCT requiretls_achieved, ',') AS reasons
  FROM postfix_tls_delivery
 WHERE requiretls_status = 'violation'
 GROUP BY 1, 2
 ORDER BY 1, 3 DESC, 2;

-- Share of deliveries per TLS level and verdict over the last 7 days.
SELECT tls_level, tls_verdict, count(*) AS deliveries,
       round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS percent
  FROM postfix_tls_delivery
 WHERE received_at > now() - interval '7 days'
 GROUP BY 1, 2
 ORDER BY 3 DESC;
