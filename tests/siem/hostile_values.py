#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""hostile_values.py - rows of hostile field values for the template
functions, and the exact output each must produce.

    hostile_values.py input FILE     writes one row payload per line
    hostile_values.py check DIR      checks DIR/{json,ecs,hec,sdata,utf8}.out

The syslog-ng side (hostile-values.sh) sets every field under .postfix.
(the fixed set, an extension feature tls.zz-ext.* and extra.note), and
HOST and PID, to the raw bytes of one row; it also sets names the parser
never writes (tls.raw.status, ...), which must not appear. Every output line must be valid
UTF-8; JSON must parse strictly (no duplicate keys), and SD-ELEMENTs must
follow the RFC 5424 grammar. In JSON, valid UTF-8 is kept, control bytes are
JSON escapes and each byte of an invalid UTF-8 sequence becomes the text
\\xHH; numbers and booleans are bare only when the value is one. In
structured data, '"', '\\' and ']' are escaped with a backslash and control
bytes and invalid UTF-8 become the text \\xHH. $(postfix-tls-utf8) keeps
every byte of valid UTF-8 (control bytes too) and writes invalid UTF-8 as
the text \\xHH.
"""
import codecs
import json
import re
import sys

ROWS = [
    ("plain", b"plain-value"),
    ("double-quote", b'say "hi"'),
    ("backslash", b'back\\slash \\" \\\\'),
    ("control-bytes", b"tab\there\rcr\x01\x1f\x1b esc"),
    ("delete", b"del\x7f"),
    ("utf8-valid", "\u00e9 \u00fc \u65e5\u672c \U0001f600".encode()),
    ("lone-continuation", b"a\x80b"),
    ("bytes-ff-fe", b"\xff\xfe"),
    ("cut-2-byte-at-end", b"abc\xc3"),
    ("cut-3-byte", b"\xe6\x97A"),
    ("overlong-slash", b"\xc0\xaf"),
    ("utf16-surrogate", b"\xed\xa0\x80"),
    ("above-u10ffff", b"\xf4\x90\x80\x80"),
    ("number", b"25"),
    ("number-fraction", b"0.31"),
    ("number-leading-zero", b"007"),
    ("number-exponent", b"1e5"),
    ("number-negative", b"-3"),
    ("not-a-number", b"NaN"),
    ("boolean-true", b"true"),
    ("boolean-upper-case", b"TRUE"),
    ("sd-brackets", b'] [x@1 a="b"]'),
    ("json-breaker", b'"},{"evil":1}'),
    ("long-value", b"x" * 5000 + b"\xff"),
]

FIXED = [
    "queue_id", "to", "orig_to", "from", "relay.hostname", "relay.address", "relay.port",
    "conn_use", "delay", "delays.before_qmgr", "delays.in_qmgr", "delays.conn_setup",
    "delays.transmission", "dsn", "status", "response", "response_truncated", "service",
    "syslog_name", "tls.raw", "tls.syntax", "tls.level", "tls.status", "tls.achieved",
    "tls.downgraded", "tls.enforcement", "tls.requiretls.status", "tls.requiretls.achieved",
    "tls.requiretls.downgraded", "tls.requiretls.enforcement", "tls.verdict", "tls.anomaly",
    "tls.error",
]
DYNAMIC = [
    "tls.zz-ext.status", "tls.zz-ext.achieved", "tls.zz-ext.downgraded",
    "tls.zz-ext.enforcement", "extra.note",
]
NUMBERS = {"relay.port", "conn_use", "delay", "delays.before_qmgr", "delays.in_qmgr",
           "delays.conn_setup", "delays.transmission"}
BOOLEANS = {"response_truncated", "tls.downgraded", "tls.requiretls.downgraded",
            "tls.zz-ext.downgraded"}
JSON_NUMBER = re.compile(rb"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")


def _hex_bytes(error):
    bad = error.object[error.start:error.end]
    return "".join(f"\\x{byte:02x}" for byte in bad), error.end


codecs.register_error("tf-hex", _hex_bytes)


def text(payload):
    """The string a JSON consumer must see for the payload."""
    return payload.decode("utf-8", errors="tf-hex")


def typed(name, payload):
    if name in NUMBERS and JSON_NUMBER.fullmatch(payload):
        return json.loads(payload)
    if name in BOOLEANS and payload in (b"true", b"false"):
        return payload == b"true"
    return text(payload)


def sd_text(payload):
    """The string an RFC 5424 parser must see for the payload."""
    value = text(payload)
    return re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\x{ord(m.group()):02x}", value)


def nested(payload):
    root = {}
    for name in FIXED + DYNAMIC:
        node = root
        *parents, leaf = name.split(".")
        for parent in parents:
            node = node.setdefault(parent, {})
        node[leaf] = typed(name, payload)
    return root


def _unique_object(pairs):
    keys = [key for key, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError(f"duplicate keys {keys}")
    return dict(pairs)


def strict_json(line):
    def refuse(name):
        raise ValueError(f"constant {name}")

    return json.loads(line.decode("utf-8"), parse_constant=refuse, object_pairs_hook=_unique_object)


def parse_sdata(line):
    """[ID name="value" ...] -> (ID, {name: value}); ValueError on bad grammar."""
    source = line.decode("utf-8")
    match = re.match(r'\[([^ =\]"]{1,32})', source)
    if not match:
        raise ValueError("no SD-ID")
    sd_id, position, params = match.group(1), match.end(), {}
    while source[position] == " ":
        name = re.match(r'[^ =\]"]{1,32}', source[position + 1:])
        if not name or source[position + 1 + name.end():position + 3 + name.end()] != '="':
            raise ValueError(f"bad SD-PARAM at {position}")
        position += 3 + name.end()
        value = []
        while source[position] != '"':
            char = source[position]
            if char == "]":
                raise ValueError(f"unescaped ] at {position}")
            if char == "\\" and source[position + 1] in '"\\]':
                char = source[position + 1]
                position += 1
            value.append(char)
            position += 1
        params[name.group()] = "".join(value)
        position += 1
    if source[position:] != "]":
        raise ValueError(f"junk after the parameters: {source[position:]!r}")
    return sd_id, params


def check_row(label, payload, outputs):
    """Yields (check label, got, want) for one row."""
    json_doc = strict_json(outputs["json"])
    yield f"{label} json", json_doc, nested(payload)

    ecs = strict_json(outputs["ecs"])
    value = text(payload)
    got = {
        "host": ecs["host"]["name"],
        "pid": ecs["process"]["pid"],
        "local_id": ecs["email"]["local_id"],
        "to": ecs["email"]["to"]["address"],
        "action": ecs["event"]["action"],
        "destination": ecs["destination"],
        "postfix": ecs["postfix"],
    }
    postfix = nested(payload)
    for name in ("queue_id", "to", "from"):
        postfix.pop(name)
    postfix.pop("relay")
    want = {
        "host": value,
        "pid": typed("relay.port", payload),
        "local_id": value,
        "to": [value],
        "action": value,
        "destination": {"domain": value, "address": value,
                        "port": typed("relay.port", payload)},
        "postfix": postfix,
    }
    yield f"{label} ecs", got, want

    hec = strict_json(outputs["hec"])
    got = {"host": hec["host"], "fields": hec["fields"],
           "event_id": hec["event"]["email"]["local_id"]}
    want = {"host": value, "event_id": value,
            "fields": {key: value for key in ("postfix_status", "postfix_relay",
                                              "postfix_tls_level", "postfix_tls_verdict")}}
    yield f"{label} hec", got, want

    yield f"{label} utf8", outputs["utf8"].decode("utf-8"), text(payload)

    sd_id, params = parse_sdata(outputs["sdata"])
    want_params = {name: sd_text(payload) for name in FIXED + DYNAMIC}
    yield f"{label} sdata", (sd_id, params), ("postfix-tls@32473", want_params)


def command_check(directory):
    outputs = {}
    for kind in ("json", "ecs", "hec", "sdata", "utf8"):
        with open(f"{directory}/{kind}.out", "rb") as out:
            outputs[kind] = out.read().split(b"\n")[:-1]
    failed = passed = 0
    for kind, lines in outputs.items():
        if len(lines) != len(ROWS):
            print(f"FAIL {kind} line count: got {len(lines)}, want {len(ROWS)}")
            failed += 1
    for index, (label, payload) in enumerate(ROWS):
        row_outputs = {kind: lines[index] for kind, lines in outputs.items() if index < len(lines)}
        try:
            results = list(check_row(label, payload, row_outputs))
        except (ValueError, KeyError, IndexError, TypeError) as error:
            print(f"FAIL {label}: {type(error).__name__}: {error}")
            failed += 1
            continue
        for check, got, want in results:
            if got == want:
                passed += 1
                print(f"PASS {check}")
            else:
                failed += 1
                print(f"FAIL {check}\n  got:  {got!r}\n  want: {want!r}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


def main(argv):
    if argv[1] == "input":
        with open(argv[2], "wb") as rows:
            for _, payload in ROWS:
                rows.write(payload + b"\n")
        return 0
    return command_check(argv[2])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
