#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""siem_expect.py - inputs and exact expected outputs of the SIEM tests.

Built from the sample logs and their expected records (tests/data/expected),
independently of the C template functions:

    siem_expect.py count JSONL...             how many records the checks compare
    siem_expect.py count-alerts JSONL...      violations, REQUIRETLS violations, relays
                                              with violations
    siem_expect.py input SAMPLE...            the samples' lines that carry a syslog
                                              header, with "Mon DD HH:MM:SS" turned
                                              into "2025-MM-DDTHH:MM:SS+00:00" so the
                                              year is fixed
    siem_expect.py check-json OUT JSONL...    OUT: one $(postfix-tls-json) per line
    siem_expect.py check-ecs OUT JSONL...     OUT: one $(postfix-tls-ecs) per line
    siem_expect.py check-http OUT TOKEN INDEX JSONL...
                                              OUT: mock_bulk_receiver.py findings
    siem_expect.py check-mapping TEMPLATE JSONL...
                                              every field of the expected ECS documents
                                              is mapped by the index template, with a
                                              type that fits its JSON type
    siem_expect.py check-pg OUT JSONL...      OUT: row_to_json() of every row
    siem_expect.py check-pg-unordered OUT JSONL...
                                              the same, for a table without an id
    siem_expect.py check-pg-violations OUT JSONL...
                                              OUT: row_to_json() of the first report of
                                              contrib/siem/postgresql-queries.sql
    siem_expect.py check-header OUT JSONL...  OUT: the collector's HOST PROGRAM PID MSGID
    siem_expect.py check-alert DIR SECONDS JSONL...
                                              DIR: the outputs of alert.sh, which ran
                                              for SECONDS whole seconds
    siem_expect.py pg-query FILE N            the N-th statement of an SQL file
    siem_expect.py check-sdata OUT JSONL...   OUT: a receiving syslog-ng's
                                              $(format-json) of .SDATA.*

Each check prints one PASS or FAIL line per record (label = sample:line) and
exits 1 on any failure or on a count mismatch.
"""
import ipaddress
import json
import re
import sys
from datetime import datetime

YEAR = 2025
HEADER = re.compile(
    r"^(?P<stamp>[A-Z][a-z]{2} [ 0-9]\d \d\d:\d\d:\d\d) (?P<host>\S+) "
    r"(?P<program>[^\[:\s]+)(?:\[(?P<pid>\d+)\])?: (?P<message>.*)$"
)
NUMBERS = {
    "relay.port",
    "conn_use",
    "delay",
    "delays.before_qmgr",
    "delays.in_qmgr",
    "delays.conn_setup",
    "delays.transmission",
}
ECS_VERSION = "8.11.0"
OUTCOMES = {
    "sent": "success",
    "deliverable": "success",
    "bounced": "failure",
    "deferred": "failure",
    "expired": "failure",
    "force-expired": "failure",
    "undeliverable": "failure",
}
PG_COLUMNS = {
    "queue_id": "queue_id",
    "to": "recipient",
    "orig_to": "orig_recipient",
    "from": "sender",
    "relay.hostname": "relay_hostname",
    "relay.address": "relay_address",
    "relay.port": "relay_port",
    "conn_use": "conn_use",
    "delay": "delay",
    "delays.before_qmgr": "delays_before_qmgr",
    "delays.in_qmgr": "delays_in_qmgr",
    "delays.conn_setup": "delays_conn_setup",
    "delays.transmission": "delays_transmission",
    "dsn": "dsn",
    "status": "status",
    "response": "response",
    "response_truncated": "response_truncated",
    "service": "service",
    "syslog_name": "syslog_name",
    "tls.raw": "tls_raw",
    "tls.syntax": "tls_syntax",
    "tls.level": "tls_level",
    "tls.status": "tls_status",
    "tls.achieved": "tls_achieved",
    "tls.downgraded": "tls_downgraded",
    "tls.enforcement": "tls_enforcement",
    "tls.requiretls.status": "requiretls_status",
    "tls.requiretls.achieved": "requiretls_achieved",
    "tls.requiretls.downgraded": "requiretls_downgraded",
    "tls.requiretls.enforcement": "requiretls_enforcement",
    "tls.verdict": "tls_verdict",
    "tls.anomaly": "tls_anomaly",
    "tls.error": "tls_error",
}


def iso_stamp(stamp):
    """'Dec 04 15:37:59' -> datetime in YEAR, UTC."""
    return datetime.strptime(f"{YEAR} {stamp}", "%Y %b %d %H:%M:%S")


def convert_line(line):
    """A sample line with its header timestamp in ISO form, or None if headerless."""
    match = HEADER.match(line)
    if not match:
        return None
    stamp = iso_stamp(match["stamp"]).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    return stamp + line[len(match["stamp"]) :]


def load_records(paths):
    """The expected records of delivery lines that carry a syslog header."""
    records = []
    for path in paths:
        sample = path.rsplit("/", 1)[-1].removesuffix(".jsonl")
        with open(path, encoding="utf-8") as expected:
            for text in expected:
                record = json.loads(text)
                match = HEADER.match(record["input"])
                if record["program"] is None or not match:
                    continue
                record["label"] = f"{sample}:{record['line']}"
                record["header"] = match.groupdict()
                records.append(record)
    return records


def nest(fields):
    """Flat dotted names -> nested objects."""
    root = {}
    for name, value in fields.items():
        node = root
        *parents, leaf = name.split(".")
        for parent in parents:
            node = node.setdefault(parent, {})
        node[leaf] = value
    return root


def is_ip(address):
    try:
        ipaddress.ip_address(address)
        return True
    except ValueError:
        return False


def ecs_document(record):
    """The exact $(postfix-tls-ecs) document of one record."""
    fields = dict(record["fields"])
    header = record["header"]
    event = {
        "kind": "event",
        "category": ["email"],
        "type": ["info"],
        "module": "postfix",
        "dataset": "postfix.delivery",
    }
    if "status" in fields:
        event["action"] = fields["status"]
        event["outcome"] = OUTCOMES.get(fields["status"], "unknown")
    doc = {
        "@timestamp": iso_stamp(header["stamp"]).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "ecs": {"version": ECS_VERSION},
        "event": event,
        "message": record["message"],
        "host": {"name": header["host"]},
        "process": {"name": header["program"]},
    }
    if header["pid"]:
        doc["process"]["pid"] = int(header["pid"])

    email = {}
    if "queue_id" in fields:
        email["local_id"] = fields.pop("queue_id")
    for name in ("to", "from"):
        address = fields.pop(name, "")
        if address:
            email[name] = {"address": [address]}
    if email:
        doc["email"] = email

    if "relay.address" in fields:
        destination = {}
        if "relay.hostname" in fields:
            destination["domain"] = fields.pop("relay.hostname")
        destination["address"] = fields.pop("relay.address")
        if is_ip(destination["address"]):
            destination["ip"] = destination["address"]
        if "relay.port" in fields:
            destination["port"] = fields.pop("relay.port")
        doc["destination"] = destination

    doc["postfix"] = nest(fields)
    return doc


def hec_event(record, index):
    """The exact $(postfix-tls-hec) event of one record."""
    fields = record["fields"]
    header = record["header"]
    stamp = iso_stamp(header["stamp"]).replace(tzinfo=None)
    epoch = int((stamp - datetime(1970, 1, 1)).total_seconds())
    event = {
        "time": float(f"{epoch}.000"),
        "host": header["host"],
        "source": "postfix",
        "sourcetype": "postfix:delivery",
        "event": ecs_document(record),
        "fields": {},
    }
    if index:
        event["index"] = index
    for key, name in (
        ("postfix_status", "status"),
        ("postfix_relay", "relay.hostname"),
        ("postfix_tls_level", "tls.level"),
        ("postfix_tls_verdict", "tls.verdict"),
    ):
        if name in fields:
            event["fields"][key] = fields[name]
    return event


def pg_row(record):
    """The exact row_to_json() of the record's postfix_tls_delivery row, without id."""
    fields = record["fields"]
    header = record["header"]
    row = {column: None for column in PG_COLUMNS.values()}
    for name, column in PG_COLUMNS.items():
        value = fields.get(name)
        row[column] = None if value == "" else value
    row["received_at"] = iso_stamp(header["stamp"]).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    row["host"] = header["host"]
    row["fields"] = nest(fields)
    return row


def pg_query(path, number):
    """The number-th SQL statement of a file, without comments or the final ";"."""
    with open(path, encoding="utf-8") as queries:
        text = "\n".join(line for line in queries.read().splitlines() if not line.startswith("--"))
    statements = [statement.strip() for statement in text.split(";") if statement.strip()]
    return statements[number - 1]


def pg_violations(records):
    """The rows of the violations-per-relay-per-day report, in its order."""
    counts = {}
    for record in records:
        if record["fields"].get("tls.verdict") != "violation":
            continue
        day = iso_stamp(record["header"]["stamp"]).strftime("%Y-%m-%dT00:00:00+00:00")
        key = (day, record["fields"].get("relay.hostname"))
        counts[key] = counts.get(key, 0) + 1
    rows = sorted(counts.items(), key=lambda item: (item[0][0], -item[1], item[0][1]))
    return [{"day": day, "relay_hostname": relay, "violations": count}
            for (day, relay), count in rows]


def sdata_params(record):
    """The exact SD-PARAMs of the record's postfix-tls@32473 element."""
    return {name: value_text(value) for name, value in record["fields"].items()}


def header_line(record):
    """HOST PROGRAM PID MSGID as the collector's syslog() source reads them."""
    header = record["header"]
    return f"{header['host']} {header['program']} {header['pid'] or ''} "


def value_text(value):
    """A typed field value as the text syslog-ng holds."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if not isinstance(value, float) else repr_number(value)


def repr_number(value):
    text = repr(value)
    return text[:-2] if text.endswith(".0") else text


class Report:
    """PASS/FAIL lines per label; exit status at the end."""

    def __init__(self):
        self.failed = 0
        self.passed = 0

    def check(self, label, got, want):
        if got == want:
            self.passed += 1
            print(f"PASS {label}")
            return
        self.failed += 1
        print(f"FAIL {label}\n  got:  {json.dumps(got, sort_keys=True)}\n"
              f"  want: {json.dumps(want, sort_keys=True)}")

    def count(self, what, got, want):
        self.check(f"{what} count", got, want)

    def finish(self):
        print(f"{self.passed} passed, {self.failed} failed")
        return 1 if self.failed else 0


def read_lines(path):
    with open(path, "rb") as out:
        return [json.loads(line.decode("utf-8")) for line in out if line.strip()]


def compare(report, records, got, build):
    report.count("documents", len(got), len(records))
    for record, document in zip(records, got):
        report.check(record["label"], document, build(record))


def command_input(paths):
    for path in paths:
        with open(path, encoding="utf-8", errors="surrogateescape") as sample:
            for line in sample:
                converted = convert_line(line.rstrip("\n"))
                if converted is not None:
                    sys.stdout.write(converted + "\n")
    return 0


def command_check_http(out, token, index, records):
    report = Report()
    findings = read_lines(out)
    errors = [finding for finding in findings if "error" in finding]
    report.check("framing errors", errors, [])
    bulk = [finding for finding in findings if "doc" in finding]
    actions = {json.dumps(finding["action"], sort_keys=True) for finding in bulk}
    report.check("bulk actions", sorted(actions), [json.dumps({"index": {"_index": index}})])
    compare(report, records, [finding["doc"] for finding in bulk], ecs_document)
    hec = [finding["event"] for finding in findings if "event" in finding]
    compare(report, records, hec, lambda record: hec_event(record, index))
    requests = [finding["request"] for finding in findings if "request" in finding]
    types = sorted({(r["path"], r["content_type"], r["authorization"]) for r in requests})
    types = [list(entry) for entry in types]
    report.check(
        "request headers",
        types,
        [
            ["/_bulk", "application/x-ndjson", ""],
            ["/services/collector/event", "application/json", f"Splunk {token}"],
        ],
    )
    return report.finish()


def mapping_type(properties, path):
    """The mapped type of a dotted path in an index template, "object" for extra.*."""
    node = {"properties": properties}
    for part in path.split("."):
        if node.get("type") == "object":
            return "object"
        node = node.get("properties", {}).get(part)
        if node is None:
            return None
    return node.get("type", "object")


def leaves(document, prefix=""):
    for name, value in document.items():
        if isinstance(value, dict):
            yield from leaves(value, f"{prefix}{name}.")
        else:
            yield f"{prefix}{name}", value


def command_check_mapping(template_path, records):
    """Every leaf of every expected ECS document has a mapping of a matching type."""
    report = Report()
    with open(template_path, encoding="utf-8") as template:
        properties = json.load(template)["template"]["mappings"]["properties"]
    accepted = {bool: {"boolean"}, int: {"long", "float"}, float: {"float"},
                str: {"keyword", "text", "ip", "date"}, list: {"keyword"}}
    seen = {}
    for record in records:
        for path, value in leaves(ecs_document(record)):
            kind = mapping_type(properties, path)
            ok = kind == "object" or kind in accepted[type(value)]
            seen.setdefault(path, (kind, ok))
    for path, (kind, ok) in sorted(seen.items()):
        report.check(f"mapping of {path} ({kind})", ok, True)
    return report.finish()


def read_optional(path):
    try:
        return read_lines(path)
    except FileNotFoundError:
        return []


def first_violations(records):
    """The first violation of each relay, in file order."""
    first = {}
    for record in records:
        if record["fields"].get("tls.verdict") == "violation":
            first.setdefault(record["fields"].get("relay.hostname"), record["label"])
    return [r for r in records if r["label"] in first.values()]


def check_limited(got, records, seconds):
    """got equals the first violation of each relay, plus at most `seconds`
    further violations of each relay, in file order."""
    violations = [r for r in records if r["fields"].get("tls.verdict") == "violation"]
    wanted_first = [nest(r["fields"]) for r in first_violations(records)]
    position = 0
    passed = []
    for document in got:
        while position < len(violations) and nest(violations[position]["fields"]) != document:
            position += 1
        if position == len(violations):
            return False
        passed.append(violations[position])
        position += 1
    per_relay = {}
    for record in passed:
        relay = record["fields"].get("relay.hostname")
        per_relay[relay] = per_relay.get(relay, 0) + 1
    firsts_present = all(doc in got for doc in wanted_first)
    return firsts_present and all(count <= 1 + seconds for count in per_relay.values())


def command_check_alert(directory, seconds, records):
    report = Report()
    everything = [nest(record["fields"]) for record in records]
    violations = [nest(r["fields"]) for r in records
                  if r["fields"].get("tls.verdict") == "violation"]
    requiretls = [nest(r["fields"]) for r in records
                  if r["fields"].get("tls.requiretls.status") == "violation"]
    relays = {r["fields"].get("relay.hostname") for r in records
              if r["fields"].get("tls.verdict") == "violation"}
    limited = read_optional(f"{directory}/limited.out")
    report.check("enclosing path keeps every line",
                 read_optional(f"{directory}/main.out"), everything)
    report.check("every violation alerted", read_optional(f"{directory}/violation.out"), violations)
    report.check("REQUIRETLS violations alerted",
                 read_optional(f"{directory}/requiretls.out"), requiretls)
    if seconds == 0:
        want = [nest(r["fields"]) for r in first_violations(records)]
        report.check("rate(1) per relay: the first violation of each relay", limited, want)
    else:
        report.check(f"rate(1) per relay over {seconds} s: the first violation of each relay "
                     f"and at most {seconds} more", check_limited(limited, records, seconds), True)
    report.check("samples hold violations", len(violations) > len(relays) > 1, True)
    return report.finish()


def main(argv):
    command, args = argv[1], argv[2:]
    if command == "input":
        return command_input(args)
    if command == "pg-query":
        print(pg_query(args[0], int(args[1])))
        return 0
    if command == "count-alerts":
        records = load_records(args)
        verdicts = [r["fields"].get("tls.verdict") for r in records]
        requiretls = [r["fields"].get("tls.requiretls.status") for r in records]
        relays = {r["fields"].get("relay.hostname") for r in records
                  if r["fields"].get("tls.verdict") == "violation"}
        print(verdicts.count("violation"), requiretls.count("violation"), len(relays))
        return 0
    if command == "count":
        print(len(load_records(args)))
        return 0
    if command == "check-mapping":
        template, *expected = args
        return command_check_mapping(template, load_records(expected))
    if command == "check-http":
        out, token, index, *expected = args
        return command_check_http(out, token, index, load_records(expected))

    if command == "check-alert":
        out, seconds, *expected = args
        return command_check_alert(out, int(seconds), load_records(expected))

    out, *expected = args
    records = load_records(expected)
    report = Report()
    if command == "check-json":
        compare(report, records, read_lines(out), lambda record: nest(record["fields"]))
    elif command == "check-ecs":
        compare(report, records, read_lines(out), ecs_document)
    elif command == "check-pg":
        rows = read_lines(out)
        for row in rows:
            row.pop("id", None)
        compare(report, records, rows, pg_row)
    elif command == "check-pg-unordered":
        rows = read_lines(out)
        report.count("rows", len(rows), len(records))
        canonical = sorted(json.dumps(row, sort_keys=True) for row in rows)
        wanted = sorted(json.dumps(pg_row(record), sort_keys=True) for record in records)
        report.check("rows, in any order", canonical, wanted)
    elif command == "check-pg-violations":
        report.check("violations per relay per day", read_lines(out), pg_violations(records))
    elif command == "check-header":
        with open(out, encoding="utf-8") as headers:
            got = [line.rstrip("\n") for line in headers]
        compare(report, records, got, header_line)
    elif command == "check-sdata":
        sd_id = "postfix-tls@32473."
        got = [{name.removeprefix(sd_id) if name.startswith(sd_id) else "?" + name: value
                for name, value in params.items()} for params in read_lines(out)]
        compare(report, records, got, sdata_params)
    else:
        print(f"unknown command {command}", file=sys.stderr)
        return 2
    return report.finish()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
