#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""reference.py - the reference parser of Postfix delivery lines and tls= values.

An independent implementation, in plain Python, of what tlsfeat must output for
a log line. Every test layer compares its output with the records this file
writes into tests/data/expected/. It favours clarity over speed.

Commands:
  reference.py generate SAMPLE   expected JSONL for a sample log, on stdout
  reference.py line 'LOG LINE'   the record of one log line (exit 1: not a
                                 delivery line, the reason is printed)
  reference.py tls 'VALUE'       the tls.* fields of one tls= value

Library API (used by test_reference.py):
  split_log_line(line)          -> (program or None, message)
  split_program(program)        -> (syslog_name, service) or (None, None)
  parse_delivery(message)       -> dict of attributes; raises NotDelivery
  parse_tls(value)              -> ordered dict of tls.* fields (never raises)
  build_record(line)            -> {"input", "program", "message", "fields"};
                                   raises NotDelivery

Error texts are "REASON at offset N", N a byte offset into the tls= value
(tls.error) or into the message (NotDelivery). The reasons are listed in
docs/output-fields.md.
"""

import json
import re
import sys

# ---------------------------------------------------------------- tls= values

KNOWN_LEVELS = (
    "none", "may", "encrypt", "fingerprint", "dane", "dane-only", "verify",
    "secure", "halfdane", "unknown", "sts",
)
REQUIRETLS_FINALS = ("nocertmatch", "nostarttls", "noencryption", "none")
RESERVED_NAMES = (
    "raw", "syntax", "level", "status", "achieved", "downgraded", "enforcement",
    "verdict", "anomaly", "error",
)
FEATURES_MAX = 8
NAME_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789-")
MARK_BYTES = frozenset(b"!?:/()")
DISABLED = b"disabled:"


class ScanError(Exception):
    """Input the parser rejects: reason and byte offset."""

    def __init__(self, reason, offset):
        super().__init__(reason)
        self.reason = reason
        self.offset = offset

    def text(self):
        return "%s at offset %d" % (self.reason, self.offset)


class InvalidTls(ScanError):
    """A tls= value that breaks the grammar."""


class Feature:
    """One feature as written: marks, name, final and where they stand."""

    def __init__(self):
        self.violated = False
        self.undecided = False
        self.parens = False
        self.paren_offset = None
        self.disabled = False
        self.name = ""
        self.name_offset = None
        self.final = None


def describe_byte(byte):
    """describe_byte - a byte as printed in a reason: itself, or \\xHH."""
    if 0x20 <= byte <= 0x7E:
        return chr(byte)
    return "\\x%02x" % byte


def _byte_at(value, pos):
    """The byte at pos, or None at the end of the value."""
    return value[pos] if pos < len(value) else None


def _misplaced(value, pos):
    """The error for the byte at pos, which may not stand there."""
    byte = value[pos]
    if byte not in NAME_BYTES and byte not in MARK_BYTES:
        return InvalidTls("unexpected character '%s'" % describe_byte(byte), pos)
    return InvalidTls("misplaced '%s'" % chr(byte), pos)


def _scan_word(value, pos):
    """A run of name bytes from pos: (word, end)."""
    end = pos
    while end < len(value) and value[end] in NAME_BYTES:
        end += 1
    return value[pos:end].decode("ascii"), end


def _expect_word(value, pos, empty_reason):
    """A non-empty name or final at pos, or the error that stands there.

    The end of the feature, or a byte that may follow a word (":", ")", "?"),
    means the word is empty; any other byte is misplaced or unexpected.
    """
    word, end = _scan_word(value, pos)
    if word:
        return word, end
    if _byte_at(value, pos) in (None, ord("/"), ord(":"), ord(")"), ord("?")):
        raise InvalidTls(empty_reason, pos)
    raise _misplaced(value, pos)


def _at_feature_end(value, pos):
    return _byte_at(value, pos) in (None, ord("/"))


def parse_feature(value, pos):
    """parse_feature - one feature from pos to the next "/": (Feature, end).

    Reads left to right and raises InvalidTls at the first byte that breaks
    [ "!" ] [ "(" ] [ "disabled:" ] name [ ":" final ] [ ")" ] [ "?" ].
    """
    feature = Feature()
    if _byte_at(value, pos) == ord("!"):
        feature.violated = True
        pos += 1
    if _byte_at(value, pos) == ord("("):
        feature.parens = True
        feature.paren_offset = pos
        pos += 1
    if value.startswith(DISABLED, pos):
        feature.disabled = True
        pos += len(DISABLED)

    feature.name_offset = pos
    feature.name, pos = _expect_word(value, pos, "empty name")
    if _byte_at(value, pos) == ord(":"):
        if feature.disabled:
            raise InvalidTls("'disabled:' with ':final'", pos)
        feature.final, pos = _expect_word(value, pos + 1, "empty final")

    if _byte_at(value, pos) == ord(")"):
        if not feature.parens:
            raise InvalidTls("unbalanced ')'", pos)
        pos += 1
    elif feature.parens:
        if not _at_feature_end(value, pos):
            raise _misplaced(value, pos)
        raise InvalidTls("unbalanced '('", feature.paren_offset)

    if _byte_at(value, pos) == ord("?"):
        if feature.violated:
            raise InvalidTls("'!' and '?' on one feature", pos)
        feature.undecided = True
        pos += 1

    if not _at_feature_end(value, pos):
        raise _misplaced(value, pos)
    return feature, pos


def duplicate_reason(name):
    """The reason for a repeated feature: named when it is a known feature."""
    if name == "requiretls" or name in KNOWN_LEVELS:
        return "duplicate feature '%s'" % name
    return "duplicate feature"


def parse_features(value):
    """parse_features - the list of features of a tls= value; raises InvalidTls."""
    if not value:
        raise InvalidTls("empty value", 0)

    features = []
    pos = 0
    while True:
        if _at_feature_end(value, pos):
            raise InvalidTls("empty feature", pos)
        if len(features) == FEATURES_MAX:
            raise InvalidTls("more than %d features" % FEATURES_MAX, pos)
        feature, pos = parse_feature(value, pos)
        if features and feature.name in RESERVED_NAMES:
            raise InvalidTls("reserved feature name '%s'" % feature.name, feature.name_offset)
        if any(seen.name == feature.name for seen in features):
            raise InvalidTls(duplicate_reason(feature.name), feature.name_offset)
        features.append(feature)
        if pos == len(value):
            return features
        pos += 1


def feature_status(feature):
    if feature.violated:
        return "violation"
    if feature.undecided:
        return "undecided"
    return "compliant"


def feature_fields(feature):
    """feature_fields - status, achieved, downgraded, enforcement of one feature."""
    status = feature_status(feature)
    fields = {"status": status}
    stated = feature.final is not None or feature.disabled

    if status != "undecided":
        if feature.final is not None:
            fields["achieved"] = feature.final
        elif feature.disabled:
            fields["achieved"] = "none"
        elif status == "compliant":
            fields["achieved"] = feature.name
        fields["downgraded"] = stated

    if status == "compliant":
        fields["enforcement"] = "relaxed" if stated or feature.parens else "full"
    elif feature.parens:
        fields["enforcement"] = "relaxed"
    return fields


def feature_anomaly(feature, is_level):
    """feature_anomaly - why Postfix would never log this feature, or None."""
    requiretls = feature.name == "requiretls"
    if is_level and feature.name not in KNOWN_LEVELS:
        return "unknown level name"
    if is_level and feature.final is not None and feature.final not in KNOWN_LEVELS:
        return "unknown level final"
    if requiretls and feature.final is not None and feature.final not in REQUIRETLS_FINALS:
        return "unknown requiretls final"
    if is_level and feature.violated and feature.name in ("none", "may"):
        return "violated level '%s'" % feature.name
    if feature.final is not None and feature.undecided:
        return "':final' with '?'"
    if feature.disabled and feature.undecided:
        return "'disabled:' with '?'"
    if feature.final == feature.name:
        return "':final' equal to the name"
    if not is_level and not requiretls:
        return "unknown extension feature"
    return None


def parse_tls(raw):
    """parse_tls - the ordered tls.* fields of a raw tls= value (str or bytes)."""
    value = raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else raw
    text = raw if isinstance(raw, str) else raw.decode("utf-8", "surrogateescape")
    fields = {"tls.raw": text}
    try:
        features = parse_features(value)
    except InvalidTls as invalid:
        fields["tls.error"] = invalid.text()
        return fields

    draft = any(feature.parens or feature.disabled for feature in features)
    fields["tls.syntax"] = "draft" if draft else "final"
    level = features[0]
    fields["tls.level"] = level.name
    for key, field_value in feature_fields(level).items():
        fields["tls." + key] = field_value

    extensions = sorted(features[1:], key=lambda feature: feature.name != "requiretls")
    for feature in extensions:
        for key, field_value in feature_fields(feature).items():
            fields["tls.%s.%s" % (feature.name, key)] = field_value

    statuses = [feature_status(feature) for feature in features]
    if "violation" in statuses:
        fields["tls.verdict"] = "violation"
    elif "undecided" in statuses:
        fields["tls.verdict"] = "undecided"
    else:
        fields["tls.verdict"] = "compliant"

    for index, feature in enumerate(features):
        anomaly = feature_anomaly(feature, index == 0)
        if anomaly:
            fields["tls.anomaly"] = anomaly
            break
    return fields


# ------------------------------------------------------------ delivery lines

class NotDelivery(ScanError):
    """A message that is not a delivery status line."""


KNOWN_ATTRIBUTES = (
    "to", "orig_to", "relay", "conn_use", "delay", "delays", "tls", "dsn", "status",
)
REQUIRED_ATTRIBUTES = ("to", "relay", "delay", "status")
EXTRA_ATTRS_MAX = 4
QUEUE_ID = re.compile(rb"([0-9A-Za-z]+): ")
ATTRIBUTE_NAME = re.compile(rb"([a-z][a-z0-9_]*)=")
# Numbers are written into JSON as logged, so they must be JSON numbers: no
# leading zero before other digits ("05" is malformed), at most one ".".
NUMBER = re.compile(rb"(0|[1-9][0-9]*)(\.[0-9]+)?\Z")
INTEGER = re.compile(rb"(0|[1-9][0-9]*)\Z")
DSN = re.compile(rb"[0-9]+\.[0-9]+\.[0-9]+\Z")
STATUS_WORD = re.compile(rb"[A-Za-z0-9_-]+")
RELAY = re.compile(rb"([^\[\], ]*)\[([^\[\]]+)\](?::(0|[1-9][0-9]*))?\Z")
BARE_RELAY = re.compile(rb"[^\[\], ]+\Z")
EXPIRY_STATUSES = (b"expired", b"force-expired")
RETURNED = b", returned to sender"


def parse_address(body, pos):
    """parse_address - "<ADDR>" at pos: (ADDR, end after ">").

    ADDR ends at the first ">" outside a leading quoted local part that is
    followed by ", " or the end of the body. A quoted local part runs from a
    '"' right after "<" to the next '"' not escaped by a backslash.
    """
    if not body.startswith(b"<", pos):
        raise NotDelivery("expected '<'", pos)
    start = pos + 1
    scan = start
    if body.startswith(b'"', scan):
        scan += 1
        while scan < len(body) and body[scan] != ord('"'):
            scan += 2 if body[scan] == ord("\\") else 1
        if scan >= len(body):
            raise NotDelivery("unterminated quoted local part", start)
    while True:
        close = body.find(b">", scan)
        if close < 0:
            raise NotDelivery("unterminated address", pos)
        after = close + 1
        if after == len(body) or body.startswith(b", ", after):
            return body[start:close], after
        scan = after


def value_end(body, pos):
    """The end of a plain attribute value: the next ", " or the end."""
    comma = body.find(b", ", pos)
    return len(body) if comma < 0 else comma


def parse_relay(value, offset):
    """parse_relay - host[address]:port, host[address] or a bare word."""
    bracketed = RELAY.match(value)
    if bracketed:
        host, address, port = bracketed.groups()
        relay = {"relay.hostname": host, "relay.address": address}
        if port is not None:
            relay["relay.port"] = port
        return relay
    if BARE_RELAY.match(value):
        return {"relay.hostname": value}
    raise NotDelivery("malformed 'relay' value", offset)


def check_value(name, value, offset):
    """A known attribute's value must have its form; raises NotDelivery."""
    forms = {"conn_use": INTEGER, "delay": NUMBER, "dsn": DSN}
    form = forms.get(name)
    if form and not form.match(value):
        raise NotDelivery("malformed '%s' value" % name, offset)
    if name == "delays":
        parts = value.split(b"/")
        if len(parts) != 4 or not all(NUMBER.match(part) for part in parts):
            raise NotDelivery("malformed 'delays' value", offset)


def parse_status(body, pos, attributes):
    """status=WORD[ (TEXT)] at pos (just after "status=") to the end."""
    word = STATUS_WORD.match(body, pos)
    if not word:
        raise NotDelivery("malformed 'status' value", pos)
    attributes["status"] = word.group(0)
    pos = word.end()
    if pos == len(body):
        return
    if not body.startswith(b" (", pos):
        raise NotDelivery("malformed 'status' value", pos)
    text = body[pos + 2:]
    if text.endswith(b")"):
        attributes["response"] = text[:-1]
    else:
        attributes["response"] = text
        attributes["response_truncated"] = True


def parse_expiry(body, pos, attributes):
    """The rest of a queue manager expiry line after "QUEUE_ID: from="."""
    attributes["from"], pos = parse_address(body, pos)
    if not body.startswith(b", status=", pos):
        raise NotDelivery("not an expiry line", pos)
    pos += len(b", status=")
    for status in EXPIRY_STATUSES:
        if body[pos:] == status + RETURNED:
            attributes["status"] = status
            return attributes
    raise NotDelivery("not an expiry line", pos)


def keep_extra(extra, name, value):
    """keep_extra - keep an unknown attribute: the first 4 distinct names.

    A name seen before keeps its first value, so each extra.<name> field is
    written once.
    """
    if len(extra) < EXTRA_ATTRS_MAX and all(seen != name for seen, _ in extra):
        extra.append((name, value))


def parse_delivery(message):
    """parse_delivery - the attributes of a delivery or expiry line body.

    Returns a dict of byte strings (queue_id, to, orig_to, from, relay.*,
    conn_use, delay, delays, tls, dsn, status, response, response_truncated,
    extra: list of (name, value)). Raises NotDelivery.
    """
    body = message.encode("utf-8", "surrogateescape") if isinstance(message, str) else message
    body = body.rstrip(b"\r\n")
    attributes = {"extra": []}
    pos = 0
    queue_id = QUEUE_ID.match(body)
    if queue_id:
        attributes["queue_id"] = queue_id.group(1)
        pos = queue_id.end()
        if body.startswith(b"from=", pos):
            return parse_expiry(body, pos + len(b"from="), attributes)
    if not body.startswith(b"to=", pos):
        raise NotDelivery("no 'to=' or 'from=' attribute", pos)

    last_known = -1
    while True:
        name_match = ATTRIBUTE_NAME.match(body, pos)
        if not name_match:
            raise NotDelivery("expected an attribute", pos)
        name = name_match.group(1).decode("ascii")
        name_offset = pos
        pos = name_match.end()

        if name not in KNOWN_ATTRIBUTES:
            end = value_end(body, pos)
            keep_extra(attributes["extra"], name, body[pos:end])
            pos = end
        else:
            index = KNOWN_ATTRIBUTES.index(name)
            if index == last_known:
                raise NotDelivery("'%s' twice" % name, name_offset)
            if index < last_known:
                raise NotDelivery("'%s' out of order" % name, name_offset)
            if last_known < 0 and name != "to":
                raise NotDelivery("no 'to=' or 'from=' attribute", name_offset)
            for required in REQUIRED_ATTRIBUTES:
                required_index = KNOWN_ATTRIBUTES.index(required)
                if last_known < required_index < index:
                    raise NotDelivery("no '%s=' attribute" % required, name_offset)
            last_known = index

            if name == "status":
                parse_status(body, pos, attributes)
                return attributes
            if name in ("to", "orig_to"):
                attributes[name], pos = parse_address(body, pos)
            else:
                end = value_end(body, pos)
                value = body[pos:end]
                if name == "relay":
                    attributes.update(parse_relay(value, pos))
                else:
                    check_value(name, value, pos)
                    attributes[name] = value
                pos = end

        if pos == len(body):
            raise NotDelivery("line ends before 'status='", pos)
        if not body.startswith(b", ", pos):
            raise NotDelivery("expected ', '", pos)
        pos += 2


# ----------------------------------------------------------- whole log lines

MONTH_HEADER = r"[A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2}"
ISO_HEADER = (r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?"
              r"(?:Z|[+-][0-9]{2}:?[0-9]{2})")
PROGRAM = r"([A-Za-z0-9._/-]+)"
HEADER_LINE = re.compile(r"(?:%s|%s) [^ ]+ %s(?:\[[0-9]+\])?: " % (MONTH_HEADER, ISO_HEADER,
                                                                  PROGRAM))
BARE_PROGRAM_LINE = re.compile(r"%s\[[0-9]+\]: " % PROGRAM)


def split_log_line(line):
    """split_log_line - (program or None, message) of a whole log line."""
    line = line.rstrip("\r\n")
    for pattern in (HEADER_LINE, BARE_PROGRAM_LINE):
        header = pattern.match(line)
        if header:
            return header.group(1), line[header.end():]
    return None, line


def split_program(program):
    """split_program - "postfix-out/smtp" into ("postfix-out", "smtp")."""
    if program is None:
        return None, None
    syslog_name, slash, service = program.rpartition("/")
    if not slash or not syslog_name or not service:
        return None, None
    return syslog_name, service


# ------------------------------------------------------------------ records

def as_number(text):
    """A digit string as a JSON number: int without ".", float with it."""
    return float(text) if "." in text else int(text)


def _text(value):
    return value.decode("utf-8", "surrogateescape")


def build_fields(attributes, program):
    """build_fields - the ordered, typed output fields of one parsed line."""
    fields = {}
    for name in ("queue_id", "to", "orig_to", "from", "relay.hostname", "relay.address"):
        if name in attributes:
            fields[name] = _text(attributes[name])
    for name in ("relay.port", "conn_use", "delay"):
        if name in attributes:
            fields[name] = as_number(_text(attributes[name]))
    if "delays" in attributes:
        parts = _text(attributes["delays"]).split("/")
        for part_name, part in zip(("before_qmgr", "in_qmgr", "conn_setup", "transmission"),
                                   parts):
            fields["delays." + part_name] = as_number(part)
    for name in ("dsn", "status", "response"):
        if name in attributes:
            fields[name] = _text(attributes[name])
    if attributes.get("response_truncated"):
        fields["response_truncated"] = True

    syslog_name, service = split_program(program)
    if service is not None:
        fields["service"] = service
        fields["syslog_name"] = syslog_name
    for name, value in attributes["extra"]:
        fields["extra." + name] = _text(value)
    if "tls" in attributes:
        fields.update(parse_tls(attributes["tls"]))
    return fields


def build_record(line):
    """build_record - the record of one whole log line; raises NotDelivery."""
    line = line.rstrip("\r\n")
    program, message = split_log_line(line)
    attributes = parse_delivery(message)
    return {
        "input": line,
        "program": program,
        "message": message,
        "fields": build_fields(attributes, program),
    }


def to_json(record):
    return json.dumps(record, ensure_ascii=False)


def generate(path):
    """generate - the expected JSONL lines of a sample log."""
    output = []
    with open(path, encoding="utf-8", errors="surrogateescape", newline="\n") as sample:
        for number, line in enumerate(sample, start=1):
            if line.startswith("# "):
                continue
            try:
                record = build_record(line)
            except NotDelivery:
                continue
            output.append(to_json(dict({"line": number}, **record)))
    return output


def main(argv):
    usage = "usage: reference.py generate SAMPLE | line 'LOG LINE' | tls 'VALUE'"
    if len(argv) != 3:
        print(usage, file=sys.stderr)
        return 2
    command, argument = argv[1], argv[2]
    # Bytes that are not UTF-8 come back out as the same bytes.
    sys.stdout.reconfigure(errors="surrogateescape")
    if command == "generate":
        for output_line in generate(argument):
            print(output_line)
        return 0
    if command == "line":
        try:
            print(to_json(build_record(argument)))
        except NotDelivery as not_delivery:
            print("not a delivery line: " + not_delivery.text())
            return 1
        return 0
    if command == "tls":
        print(to_json(parse_tls(argument)))
        return 0
    print(usage, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
