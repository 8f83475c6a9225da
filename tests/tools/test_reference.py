#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""test_reference.py - the table of cases the reference parser must meet.

Run: python3 tests/tools/test_reference.py (unittest; exit status 0 when all
pass). Each table row is a label, an input and the exact expected output; a
new bug becomes a new row. The rows cover every example of the product
contract, every documented tls= value, invalid values with their exact error
text, anomalies, delivery-line shapes and the splitting of log lines.
"""

import json
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import abnf  # noqa: E402
import reference  # noqa: E402

TOP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
GRAMMAR_FILES = [os.path.join(TOP, "grammar", name)
                 for name in ("tls-final.abnf", "tls-draft.abnf", "delivery.abnf")]
SAMPLES = ["postfix-3.11.6.maillog", "postfix-3.11-20250912-nonprod.maillog",
           "public-shapes.log"]


def tls_fields(**fields):
    """Expected tls.* fields from keyword arguments: requiretls_status=... ."""
    expected = {}
    for key, value in fields.items():
        expected["tls." + key.replace("requiretls_", "requiretls.")] = value
    return expected


def compliant(name, achieved=None, downgraded=False, enforcement="full"):
    return {"status": "compliant", "achieved": achieved or name, "downgraded": downgraded,
            "enforcement": enforcement}


def violation(achieved=None, downgraded=False, enforcement=None):
    fields = {"status": "violation", "downgraded": downgraded}
    if achieved:
        fields["achieved"] = achieved
    if enforcement:
        fields["enforcement"] = enforcement
    return fields


def undecided(enforcement=None):
    fields = {"status": "undecided"}
    if enforcement:
        fields["enforcement"] = enforcement
    return fields


def expect(raw, syntax, level, level_fields, verdict, requiretls=None, anomaly=None):
    """The whole expected field set of a valid tls= value."""
    fields = {"tls.raw": raw, "tls.syntax": syntax, "tls.level": level}
    for key, value in level_fields.items():
        fields["tls." + key] = value
    for key, value in (requiretls or {}).items():
        fields["tls.requiretls." + key] = value
    fields["tls.verdict"] = verdict
    if anomaly:
        fields["tls.anomaly"] = anomaly
    return fields


# label, value, expected fields
VALID_TLS = [
    # Released syntax: every documented value.
    ("none", "none", expect("none", "final", "none", compliant("none"), "compliant")),
    ("may", "may", expect("may", "final", "may", compliant("may"), "compliant")),
    ("may undecided", "may?", expect("may?", "final", "may", undecided(), "undecided")),
    ("may without starttls", "may:none",
     expect("may:none", "final", "may", compliant("may", "none", True, "relaxed"), "compliant")),
    ("dane", "dane", expect("dane", "final", "dane", compliant("dane"), "compliant")),
    ("dane halfdane", "dane:halfdane",
     expect("dane:halfdane", "final", "dane", compliant("dane", "halfdane", True, "relaxed"),
            "compliant")),
    ("dane encrypt", "dane:encrypt",
     expect("dane:encrypt", "final", "dane", compliant("dane", "encrypt", True, "relaxed"),
            "compliant")),
    ("dane undecided", "dane?", expect("dane?", "final", "dane", undecided(), "undecided")),
    ("requiretls enforced", "verify/requiretls",
     expect("verify/requiretls", "final", "verify", compliant("verify"), "compliant",
            compliant("requiretls"))),
    ("requiretls nocertmatch violated", "dane/!requiretls:nocertmatch",
     expect("dane/!requiretls:nocertmatch", "final", "dane", compliant("dane"), "violation",
            violation("nocertmatch", True))),
    ("requiretls nocertmatch opportunistic", "may/requiretls:nocertmatch",
     expect("may/requiretls:nocertmatch", "final", "may", compliant("may"), "compliant",
            compliant("requiretls", "nocertmatch", True, "relaxed"))),
    ("requiretls nostarttls violated", "verify/!requiretls:nostarttls",
     expect("verify/!requiretls:nostarttls", "final", "verify", compliant("verify"),
            "violation", violation("nostarttls", True))),
    ("requiretls noencryption violated", "none?/!requiretls:noencryption",
     expect("none?/!requiretls:noencryption", "final", "none", undecided(), "violation",
            violation("noencryption", True))),
    ("requiretls none violated", "dane-only/!requiretls:none",
     expect("dane-only/!requiretls:none", "final", "dane-only", compliant("dane-only"),
            "violation", violation("none", True))),
    ("requiretls none opportunistic", "may/requiretls:none",
     expect("may/requiretls:none", "final", "may", compliant("may"), "compliant",
            compliant("requiretls", "none", True, "relaxed"))),
    ("requiretls undecided", "dane?/requiretls?",
     expect("dane?/requiretls?", "final", "dane", undecided(), "undecided", undecided())),
    ("halfdane level", "halfdane", expect("halfdane", "final", "halfdane",
                                          compliant("halfdane"), "compliant")),
    ("halfdane violated", "!halfdane",
     expect("!halfdane", "final", "halfdane", violation(), "violation")),
    ("halfdane to encrypt", "halfdane:encrypt",
     expect("halfdane:encrypt", "final", "halfdane",
            compliant("halfdane", "encrypt", True, "relaxed"), "compliant")),
    ("unknown level undecided", "unknown?",
     expect("unknown?", "final", "unknown", undecided(), "undecided")),
    ("reqtls check before connection", "may?/!requiretls:nocertmatch",
     expect("may?/!requiretls:nocertmatch", "final", "may", undecided(), "violation",
            violation("nocertmatch", True))),
    # A downgraded level beside a violated REQUIRETLS.
    ("dane downgraded to halfdane, requiretls violated", "dane:halfdane/!requiretls:nocertmatch",
     expect("dane:halfdane/!requiretls:nocertmatch", "final", "dane",
            compliant("dane", "halfdane", True, "relaxed"), "violation",
            violation("nocertmatch", True))),
    ("violated level, compliant requiretls", "!verify/requiretls:nocertmatch",
     expect("!verify/requiretls:nocertmatch", "final", "verify", violation(), "violation",
            compliant("requiretls", "nocertmatch", True, "relaxed"))),
    # Draft syntax: values of the snapshots of 10 and 11 September 2025.
    ("draft disabled may", "(disabled:may)",
     expect("(disabled:may)", "draft", "may", compliant("may", "none", True, "relaxed"),
            "compliant")),
    ("draft encrypt undecided", "encrypt?",
     expect("encrypt?", "final", "encrypt", undecided(), "undecided")),
    ("draft relaxed dane", "(dane)",
     expect("(dane)", "draft", "dane", compliant("dane", enforcement="relaxed"), "compliant")),
    ("draft dane-only violated", "!dane-only",
     expect("!dane-only", "final", "dane-only", violation(), "violation")),
    ("draft secure violated", "!secure",
     expect("!secure", "final", "secure", violation(), "violation")),
    ("draft both undecided", "dane?/requiretls?",
     expect("dane?/requiretls?", "final", "dane", undecided(), "undecided", undecided())),
    ("draft dane requiretls", "dane/requiretls",
     expect("dane/requiretls", "final", "dane", compliant("dane"), "compliant",
            compliant("requiretls"))),
    ("draft both violated", "!secure/!requiretls",
     expect("!secure/!requiretls", "final", "secure", violation(), "violation", violation())),
    ("draft disabled requiretls", "may/(disabled:requiretls)",
     expect("may/(disabled:requiretls)", "draft", "may", compliant("may"), "compliant",
            compliant("requiretls", "none", True, "relaxed"))),
    ("draft relaxed requiretls", "may/(requiretls)",
     expect("may/(requiretls)", "draft", "may", compliant("may"), "compliant",
            compliant("requiretls", enforcement="relaxed"))),
    ("draft encrypt relaxed requiretls", "encrypt/(requiretls)",
     expect("encrypt/(requiretls)", "draft", "encrypt", compliant("encrypt"), "compliant",
            compliant("requiretls", enforcement="relaxed"))),
    # Draft syntax, written by the 12 September snapshot.
    ("draft may none", "(may:none)",
     expect("(may:none)", "draft", "may", compliant("may", "none", True, "relaxed"),
            "compliant")),
    ("draft dane encrypt", "(dane:encrypt)",
     expect("(dane:encrypt)", "draft", "dane", compliant("dane", "encrypt", True, "relaxed"),
            "compliant")),
    ("draft halfdane encrypt", "(halfdane:encrypt)",
     expect("(halfdane:encrypt)", "draft", "halfdane",
            compliant("halfdane", "encrypt", True, "relaxed"), "compliant")),
    ("draft requiretls none", "may/(requiretls:none)",
     expect("may/(requiretls:none)", "draft", "may", compliant("may"), "compliant",
            compliant("requiretls", "none", True, "relaxed"))),
    ("draft relaxed undecided requiretls", "(may:none)/(requiretls)?",
     expect("(may:none)/(requiretls)?", "draft", "may",
            compliant("may", "none", True, "relaxed"), "undecided",
            undecided("relaxed"))),
    ("draft relaxed violated requiretls", "!verify/!(requiretls)",
     expect("!verify/!(requiretls)", "draft", "verify", violation(), "violation",
            violation(enforcement="relaxed"))),
    ("draft none undecided requiretls", "none/(requiretls)?",
     expect("none/(requiretls)?", "draft", "none", compliant("none"), "undecided",
            undecided("relaxed"))),
    ("draft requiretls without reason", "fingerprint/!requiretls",
     expect("fingerprint/!requiretls", "final", "fingerprint", compliant("fingerprint"),
            "violation", violation())),
    ("draft disabled violated", "!(disabled:requiretls)",
     expect("!(disabled:requiretls)", "draft", "requiretls",
            violation("none", True, "relaxed"), "violation",
            anomaly="unknown level name")),
    ("draft sts pseudo level", "sts", expect("sts", "final", "sts", compliant("sts"),
                                             "compliant")),
]

# label, value, expected anomaly
ANOMALIES = [
    ("unknown level", "maybe", "unknown level name"),
    ("unknown level final", "dane:weird", "unknown level final"),
    ("unknown requiretls final", "verify/requiretls:nomatch", "unknown requiretls final"),
    ("violated none", "!none", "violated level 'none'"),
    ("violated may", "!may", "violated level 'may'"),
    ("final with undecided", "dane:encrypt?", "':final' with '?'"),
    ("disabled with undecided", "(disabled:may)?", "'disabled:' with '?'"),
    ("final equal to name", "dane:dane", "':final' equal to the name"),
    ("extension feature", "may/mta-sts", "unknown extension feature"),
    ("first anomaly wins", "!may/mta-sts", "violated level 'may'"),
    ("level checked before extension", "bogus/requiretls:nomatch", "unknown level name"),
    ("unknown level before its final", "bogus:weird", "unknown level name"),
]

# label, value, expected tls.error
INVALID_TLS = [
    ("empty value", "", "empty value at offset 0"),
    ("double slash", "may//dane", "empty feature at offset 4"),
    ("leading slash", "/may", "empty feature at offset 0"),
    ("trailing slash", "may/", "empty feature at offset 4"),
    ("only a slash", "/", "empty feature at offset 0"),
    ("violated and undecided", "!dane?", "'!' and '?' on one feature at offset 5"),
    ("violated and undecided draft", "!(requiretls)?",
     "'!' and '?' on one feature at offset 13"),
    ("disabled with final", "(disabled:may:none)", "'disabled:' with ':final' at offset 13"),
    ("open paren only", "(may", "unbalanced '(' at offset 0"),
    ("open paren before slash", "!(requiretls/x", "unbalanced '(' at offset 1"),
    ("close paren only", "may)", "unbalanced ')' at offset 3"),
    ("close paren after final", "may:none)", "unbalanced ')' at offset 8"),
    ("double parens", "((may))", "misplaced '(' at offset 1"),
    ("bang inside parens", "(!may)", "misplaced '!' at offset 1"),
    ("question inside parens", "(may?)", "misplaced '?' at offset 4"),
    ("second close paren", "(may))", "misplaced ')' at offset 5"),
    ("close paren after question", "may?)", "misplaced ')' at offset 4"),
    ("bang after name", "may!", "misplaced '!' at offset 3"),
    ("two finals", "dane:encrypt:x", "misplaced ':' at offset 12"),
    ("paren inside name", "may(x)", "misplaced '(' at offset 3"),
    ("same feature twice", "may/requiretls/requiretls",
     "duplicate feature 'requiretls' at offset 15"),
    ("same level name twice", "may/dane/dane", "duplicate feature 'dane' at offset 9"),
    ("level repeated as extension", "may/may", "duplicate feature 'may' at offset 4"),
    ("unknown name twice", "may/foo/foo", "duplicate feature at offset 8"),
    ("nine features", "a/b/c/d/e/f/g/h/i", "more than 8 features at offset 16"),
    ("hash", "may#x", "unexpected character '#' at offset 3"),
    ("upper case", "May", "unexpected character 'M' at offset 0"),
    ("space", "may x", "unexpected character ' ' at offset 3"),
    ("comma", "dane,x", "unexpected character ',' at offset 4"),
    ("underscore", "dane_only", "unexpected character '_' at offset 4"),
    ("non-ascii byte", "dané", "unexpected character '\\xc3' at offset 3"),
    ("control byte", "may\x01", "unexpected character '\\x01' at offset 3"),
    ("nul byte", "\x00", "unexpected character '\\x00' at offset 0"),
    ("empty name after bang", "!", "empty name at offset 1"),
    ("empty parens", "()", "empty name at offset 1"),
    ("bang and question only", "!?", "empty name at offset 1"),
    ("disabled without name", "(disabled:)", "empty name at offset 10"),
    ("empty final at end", "may:", "empty final at offset 4"),
    ("empty final before slash", "may:/x", "empty final at offset 4"),
    ("empty final before paren", "(may:)", "empty final at offset 5"),
    ("reserved name status", "may/status", "reserved feature name 'status' at offset 4"),
    ("reserved name error", "may/!error", "reserved feature name 'error' at offset 5"),
    ("reserved name raw", "dane/(raw)", "reserved feature name 'raw' at offset 6"),
    ("first problem wins", "!may?#", "'!' and '?' on one feature at offset 4"),
    ("empty feature before bad byte", "may//#", "empty feature at offset 4"),
]

CUT_HEAD = ("A1: to=<u@example.com>, relay=mx.example.com[192.0.2.25]:25, delay=1, "
            "dsn=5.0.0, status=undeliverable (")
CUT_LINE = (CUT_HEAD + "550 5.0.0 " + "x" * 2000)[:2000]

# label, message, expected fields (without service and syslog_name)
DELIVERY_LINES = [
    ("released tls value",
     "E75D2A76028: to=<alice@verify-ok.example.com>, relay=verify-ok-mx.example.net"
     "[127.0.0.1]:2525, delay=0.27, delays=0.04/0.06/0.16/0.01, tls=verify, dsn=2.0.0, "
     "status=sent (250 2.0.0 Ok: queued as 2C160A780D7)",
     dict({"queue_id": "E75D2A76028", "to": "alice@verify-ok.example.com",
           "relay.hostname": "verify-ok-mx.example.net", "relay.address": "127.0.0.1",
           "relay.port": 2525, "delay": 0.27, "delays.before_qmgr": 0.04,
           "delays.in_qmgr": 0.06, "delays.conn_setup": 0.16, "delays.transmission": 0.01,
           "dsn": "2.0.0", "status": "sent",
           "response": "250 2.0.0 Ok: queued as 2C160A780D7"},
          **expect("verify", "final", "verify", compliant("verify"), "compliant"))),
    ("unix socket lmtp relay",
     "6BEA81CDC0AB: to=<john@example.com>, relay=1.mx.example.net[private/dovecot-lmtp], "
     "delay=0.03, delays=0.02/0/0/0.01, dsn=2.0.0, status=sent (250 2.0.0 Saved)",
     {"queue_id": "6BEA81CDC0AB", "to": "john@example.com",
      "relay.hostname": "1.mx.example.net", "relay.address": "private/dovecot-lmtp",
      "delay": 0.03, "delays.before_qmgr": 0.02, "delays.in_qmgr": 0,
      "delays.conn_setup": 0, "delays.transmission": 0.01, "dsn": "2.0.0",
      "status": "sent", "response": "250 2.0.0 Saved"}),
    ("ipv6 relay",
     "4E74613FE76: to=<r@example.com>, relay=mx.example.net[2001:db8::1]:25, delay=1.9, "
     "delays=0.05/0/1.1/0.71, dsn=5.7.1, status=bounced (550 no (in reply to end of DATA))",
     {"queue_id": "4E74613FE76", "to": "r@example.com", "relay.hostname": "mx.example.net",
      "relay.address": "2001:db8::1", "relay.port": 25, "delay": 1.9,
      "delays.before_qmgr": 0.05, "delays.in_qmgr": 0, "delays.conn_setup": 1.1,
      "delays.transmission": 0.71, "dsn": "5.7.1", "status": "bounced",
      "response": "550 no (in reply to end of DATA)"}),
    ("bare word relay, no delays or dsn",
     "9634B16F7F7: to=<user@example.com>, relay=none, delay=46, status=deferred "
     "(connect to 198.51.100.131[198.51.100.131]: No route to host)",
     {"queue_id": "9634B16F7F7", "to": "user@example.com", "relay.hostname": "none",
      "delay": 46, "status": "deferred",
      "response": "connect to 198.51.100.131[198.51.100.131]: No route to host"}),
    ("quoted local part with comma and >",
     'A1: to=<"a>, b"@example.com>, relay=local, delay=0.1, status=sent (ok)',
     {"queue_id": "A1", "to": '"a>, b"@example.com', "relay.hostname": "local",
      "delay": 0.1, "status": "sent", "response": "ok"}),
    ("quoted local part with escaped quote",
     'A1: to=<"a\\">, x"@example.com>, relay=local, delay=0.1, status=sent (ok)',
     {"queue_id": "A1", "to": '"a\\">, x"@example.com', "relay.hostname": "local",
      "delay": 0.1, "status": "sent", "response": "ok"}),
    (">' inside the address, not followed by ', '",
     "A1: to=<a>b@example.com>, relay=local, delay=0.1, status=sent (ok)",
     {"queue_id": "A1", "to": "a>b@example.com", "relay.hostname": "local", "delay": 0.1,
      "status": "sent", "response": "ok"}),
    ("empty recipient and utf-8 original",
     "A1: to=<>, orig_to=<jörg@exämple.com>, relay=virtual, delay=0, status=sent (ok)",
     {"queue_id": "A1", "to": "", "orig_to": "jörg@exämple.com", "relay.hostname": "virtual",
      "delay": 0, "status": "sent", "response": "ok"}),
    ("conn_use and reused connection",
     "D53A72713E5: to=<m@example.net>, relay=gw.example.net[198.51.100.16]:25, conn_use=2, "
     "delay=0.57, delays=0.11/0.03/0.23/0.19, tls=may?, dsn=2.0.0, status=sent (250 ok, id=2)",
     dict({"queue_id": "D53A72713E5", "to": "m@example.net", "relay.hostname": "gw.example.net",
           "relay.address": "198.51.100.16", "relay.port": 25, "conn_use": 2, "delay": 0.57,
           "delays.before_qmgr": 0.11, "delays.in_qmgr": 0.03, "delays.conn_setup": 0.23,
           "delays.transmission": 0.19, "dsn": "2.0.0", "status": "sent",
           "response": "250 ok, id=2"},
          **expect("may?", "final", "may", undecided(), "undecided"))),
    ("truncated response",
     "4cDCnd66Hyz1XPWFF: to=<u@example.com>, relay=none, delay=248321, "
     "delays=248262/59/0/0, dsn=4.4.1, status=deferred (delivery temporarily suspended: con",
     {"queue_id": "4cDCnd66Hyz1XPWFF", "to": "u@example.com", "relay.hostname": "none",
      "delay": 248321, "delays.before_qmgr": 248262, "delays.in_qmgr": 59,
      "delays.conn_setup": 0, "delays.transmission": 0, "dsn": "4.4.1", "status": "deferred",
      "response": "delivery temporarily suspended: con", "response_truncated": True}),
    ("no queue id, status without response",
     "to=<u@example.com>, relay=local, delay=0.02, status=sent",
     {"to": "u@example.com", "relay.hostname": "local", "delay": 0.02, "status": "sent"}),
    ("unknown attributes kept, at most four",
     "A1: to=<u@example.com>, a=1, relay=none, b=<x@example.com>, delay=1, c=3, d=4, e=5, "
     "status=deferred (x)",
     {"queue_id": "A1", "to": "u@example.com", "relay.hostname": "none", "delay": 1,
      "status": "deferred", "response": "x", "extra.a": "1", "extra.b": "<x@example.com>",
      "extra.c": "3", "extra.d": "4"}),
    ("repeated unknown attribute keeps its first value",
     "A1: to=<u@example.com>, x=a, relay=none, x=b, delay=1, y=1, z=2, w=3, v=4, "
     "status=sent (x)",
     {"queue_id": "A1", "to": "u@example.com", "relay.hostname": "none", "delay": 1,
      "status": "sent", "response": "x", "extra.x": "a", "extra.y": "1", "extra.z": "2",
      "extra.w": "3"}),
    ("invalid tls value keeps the line",
     "A1: to=<u@example.com>, relay=none, delay=1, tls=dane/!requiretls?, dsn=4.0.0, "
     "status=deferred (x)",
     {"queue_id": "A1", "to": "u@example.com", "relay.hostname": "none", "delay": 1,
      "dsn": "4.0.0", "status": "deferred", "response": "x",
      "tls.raw": "dane/!requiretls?",
      "tls.error": "'!' and '?' on one feature at offset 16"}),
    ("empty tls value",
     "A1: to=<u@example.com>, relay=none, delay=1, tls=, status=deferred (x)",
     {"queue_id": "A1", "to": "u@example.com", "relay.hostname": "none", "delay": 1,
      "status": "deferred", "response": "x", "tls.raw": "",
      "tls.error": "empty value at offset 0"}),
    ("hyphenated status word",
     "3E29030F8637E: to=<u@example.com>, relay=none, delay=0.01, delays=0.01/0/0/0, "
     "dsn=5.1.1, status=undeliverable-but-not-cached (User unknown)",
     {"queue_id": "3E29030F8637E", "to": "u@example.com", "relay.hostname": "none",
      "delay": 0.01, "delays.before_qmgr": 0.01, "delays.in_qmgr": 0,
      "delays.conn_setup": 0, "delays.transmission": 0, "dsn": "5.1.1",
      "status": "undeliverable-but-not-cached", "response": "User unknown"}),
    ("trailing CR LF ignored",
     "A1: to=<u@example.com>, relay=none, delay=1, status=sent (ok)\r\n",
     {"queue_id": "A1", "to": "u@example.com", "relay.hostname": "none", "delay": 1,
      "status": "sent", "response": "ok"}),
    ("address probe, two significant digits",
     "C0FFEE1: to=<probe@example.com>, relay=mx.example.com[192.0.2.25]:25, delay=0.31, "
     "delays=5.4/23/0/0.01, dsn=2.1.5, status=deliverable (250 2.1.5 Ok)",
     {"queue_id": "C0FFEE1", "to": "probe@example.com", "relay.hostname": "mx.example.com",
      "relay.address": "192.0.2.25", "relay.port": 25, "delay": 0.31,
      "delays.before_qmgr": 5.4, "delays.in_qmgr": 23, "delays.conn_setup": 0,
      "delays.transmission": 0.01, "dsn": "2.1.5", "status": "deliverable",
      "response": "250 2.1.5 Ok"}),
    ("record cut by syslog at 2000 bytes", CUT_LINE,
     {"queue_id": "A1", "to": "u@example.com", "relay.hostname": "mx.example.com",
      "relay.address": "192.0.2.25", "relay.port": 25, "delay": 1, "dsn": "5.0.0",
      "status": "undeliverable",
      "response": CUT_LINE[len(CUT_HEAD):], "response_truncated": True}),
    ("expiry line",
     "585BC3F: from=<>, status=expired, returned to sender",
     {"queue_id": "585BC3F", "from": "", "status": "expired"}),
    ("force-expiry line",
     "BACE842E73: from=<noreply@example.com>, status=force-expired, returned to sender",
     {"queue_id": "BACE842E73", "from": "noreply@example.com", "status": "force-expired"}),
]

# label, message, expected NotDelivery text
NOT_DELIVERY = [
    ("tls handshake line",
     "Trusted TLS connection established to mx.example.net[127.0.0.1]:2525: TLSv1.3",
     "no 'to=' or 'from=' attribute at offset 0"),
    ("queue manager active line",
     "E75D2A76028: from=<s@example.org>, size=341, nrcpt=1 (queue active)",
     "not an expiry line at offset 33"),
    ("relay out of order",
     "A1: to=<u@example.com>, delay=1, relay=none, status=sent (x)",
     "no 'relay=' attribute at offset 24"),
    ("known attribute twice",
     "A1: to=<u@example.com>, relay=none, relay=none, delay=1, status=sent (x)",
     "'relay' twice at offset 36"),
    ("orig_to after relay",
     "A1: to=<u@example.com>, relay=none, orig_to=<v@example.com>, delay=1, status=sent",
     "'orig_to' out of order at offset 36"),
    ("missing delay",
     "A1: to=<u@example.com>, relay=none, status=sent (x)",
     "no 'delay=' attribute at offset 36"),
    ("cut before status",
     "A1: to=<u@example.com>, relay=none, delay=1, dsn=4.0.0",
     "line ends before 'status=' at offset 54"),
    ("cut inside an attribute name",
     "A1: to=<u@example.com>, relay=none, delay=1, sta",
     "expected an attribute at offset 45"),
    ("malformed delay", "A1: to=<u@example.com>, relay=none, delay=1.2.3, status=sent",
     "malformed 'delay' value at offset 42"),
    ("malformed delays", "A1: to=<u@example.com>, relay=none, delay=1, delays=1/2/3, status=sent",
     "malformed 'delays' value at offset 52"),
    ("malformed port",
     "A1: to=<u@example.com>, relay=mx[192.0.2.1]:smtp, delay=1, status=sent",
     "malformed 'relay' value at offset 30"),
    ("leading zero in delay", "A1: to=<u@example.com>, relay=none, delay=05, status=sent",
     "malformed 'delay' value at offset 42"),
    ("leading zero in a delays part",
     "A1: to=<u@example.com>, relay=none, delay=1, delays=0/00.5/0/0, status=sent",
     "malformed 'delays' value at offset 52"),
    ("leading zero in port",
     "A1: to=<u@example.com>, relay=mx[192.0.2.1]:025, delay=1, status=sent",
     "malformed 'relay' value at offset 30"),
    ("malformed conn_use",
     "A1: to=<u@example.com>, relay=none, conn_use=x, delay=1, status=sent",
     "malformed 'conn_use' value at offset 45"),
    ("unterminated address", "A1: to=<u@example.com", "unterminated address at offset 7"),
    ("expiry with another text",
     "A1: from=<s@example.org>, status=expired, returned", "not an expiry line at offset 33"),
    ("empty status word", "A1: to=<u@example.com>, relay=none, delay=1, status= (x)",
     "malformed 'status' value at offset 52"),
]

# label, whole log line, expected (program, message)
LOG_LINES = [
    ("rfc 3164 padded day", "Dec  4 15:37:59 mx1 postfix/smtp[10446]: A1: to=<u>",
     ("postfix/smtp", "A1: to=<u>")),
    ("rfc 3164 zero day", "Dec 04 15:37:59 mx1 postfix/lmtp[1]: msg", ("postfix/lmtp", "msg")),
    ("host with slash", "Jan 25 21:25:22 relay1/relay1 postfix/smtp[558]: msg",
     ("postfix/smtp", "msg")),
    ("iso timestamp", "2025-12-04T15:37:59.123456+00:00 mx1 postfix-out/smtp[7]: msg",
     ("postfix-out/smtp", "msg")),
    ("iso timestamp zulu", "2025-12-04T15:37:59Z mx1 postfix/qmgr[7]: msg",
     ("postfix/qmgr", "msg")),
    ("header without pid", "Dec  4 15:37:59 mx1 postfix/smtp: msg", ("postfix/smtp", "msg")),
    ("program at line start", "postfix/local[18897]: 16E94B1D012: to=<u>",
     ("postfix/local", "16E94B1D012: to=<u>")),
    ("message only", "6BEA81CDC0AB: to=<u@example.com>",
     (None, "6BEA81CDC0AB: to=<u@example.com>")),
    ("no program after header", "Dec  4 15:37:59 mx1 just text",
     (None, "Dec  4 15:37:59 mx1 just text")),
]

# label, program, expected (syslog_name, service)
PROGRAMS = [
    ("default instance", "postfix/smtp", ("postfix", "smtp")),
    ("other syslog_name", "postfix-out/lmtp", ("postfix-out", "lmtp")),
    ("split at the last slash", "postfix/submission/smtpd", ("postfix/submission", "smtpd")),
    ("no slash", "postfix", (None, None)),
    ("no program", None, (None, None)),
]


class TlsValues(unittest.TestCase):
    def test_valid(self):
        for label, value, expected in VALID_TLS:
            with self.subTest(label):
                self.assertEqual(reference.parse_tls(value), expected)

    def test_anomalies(self):
        for label, value, anomaly in ANOMALIES:
            with self.subTest(label):
                fields = reference.parse_tls(value)
                self.assertEqual(fields.get("tls.anomaly"), anomaly)
                self.assertNotIn("tls.error", fields)
                self.assertIn("tls.verdict", fields)

    def test_invalid(self):
        for label, value, error in INVALID_TLS:
            with self.subTest(label):
                self.assertEqual(reference.parse_tls(value), {"tls.raw": value, "tls.error": error})

    def test_field_order(self):
        fields = reference.parse_tls("may/mta-sts/requiretls?")
        self.assertEqual(list(fields), [
            "tls.raw", "tls.syntax", "tls.level", "tls.status", "tls.achieved",
            "tls.downgraded", "tls.enforcement", "tls.requiretls.status",
            "tls.mta-sts.status", "tls.mta-sts.achieved", "tls.mta-sts.downgraded",
            "tls.mta-sts.enforcement", "tls.verdict", "tls.anomaly"])


class DeliveryLines(unittest.TestCase):
    def test_delivery(self):
        for label, message, expected in DELIVERY_LINES:
            with self.subTest(label):
                attributes = reference.parse_delivery(message)
                self.assertEqual(reference.build_fields(attributes, None), expected)

    def test_not_delivery(self):
        for label, message, error in NOT_DELIVERY:
            with self.subTest(label):
                with self.assertRaises(reference.NotDelivery) as raised:
                    reference.parse_delivery(message)
                self.assertEqual(raised.exception.text(), error)

    def test_whole_line_record(self):
        line = ("Dec 04 15:38:21 mx1 postfix-out/smtp[10455]: 722F2A7608B: "
                "to=<a@example.com>, relay=none, delay=0, delays=0/0/0/0, "
                "tls=may?/!requiretls:nocertmatch, dsn=5.7.10, status=bounced (no)")
        record = reference.build_record(line)
        self.assertEqual(record["program"], "postfix-out/smtp")
        self.assertEqual(list(record["fields"]), [
            "queue_id", "to", "relay.hostname", "delay", "delays.before_qmgr",
            "delays.in_qmgr", "delays.conn_setup", "delays.transmission", "dsn", "status",
            "response", "service", "syslog_name", "tls.raw", "tls.syntax", "tls.level",
            "tls.status", "tls.requiretls.status", "tls.requiretls.achieved",
            "tls.requiretls.downgraded", "tls.verdict"])
        self.assertEqual(record["fields"]["service"], "smtp")
        self.assertEqual(record["fields"]["syslog_name"], "postfix-out")
        self.assertEqual(record["fields"]["tls.verdict"], "violation")


class LogLines(unittest.TestCase):
    def test_split_log_line(self):
        for label, line, expected in LOG_LINES:
            with self.subTest(label):
                self.assertEqual(reference.split_log_line(line), expected)

    def test_split_program(self):
        for label, program, expected in PROGRAMS:
            with self.subTest(label):
                self.assertEqual(reference.split_program(program), expected)


class Grammar(unittest.TestCase):
    """The ABNF files agree with the reference on every table row and sample line."""

    # Limits the grammar leaves to prose: counted, repeated or reserved names.
    PROSE_LIMITS = ("duplicate feature", "more than 8 features", "reserved feature name")
    # Lines the grammar accepts by reading a misused known attribute as an
    # extra-attribute: that a known name is never an extra one is prose.
    KNOWN_NAME_AS_EXTRA = ("known attribute twice", "orig_to after relay",
                           "malformed delays", "leading zero in a delays part",
                           "malformed conn_use")

    @classmethod
    def setUpClass(cls):
        cls.grammar = abnf.Grammar(GRAMMAR_FILES)

    def test_valid_values_match(self):
        for label, value, expected in VALID_TLS:
            with self.subTest(label):
                self.assertTrue(self.grammar.matches("draft-tls-value", value))
                released = expected["tls.syntax"] == "final"
                self.assertEqual(self.grammar.matches("tls-value", value), released)
        for label, value, _ in ANOMALIES:
            with self.subTest(label):
                self.assertTrue(self.grammar.matches("draft-tls-value", value))

    def test_invalid_values_do_not_match(self):
        for label, value, error in INVALID_TLS:
            with self.subTest(label):
                in_prose = error.startswith(self.PROSE_LIMITS)
                self.assertEqual(self.grammar.matches("draft-tls-value", value), in_prose)

    def test_table_lines(self):
        for label, message, _ in DELIVERY_LINES:
            with self.subTest(label):
                self.assertTrue(self.grammar.matches("line-body", message.rstrip("\r\n")))
        for label, message, _ in NOT_DELIVERY:
            with self.subTest(label):
                wider = label in self.KNOWN_NAME_AS_EXTRA
                self.assertEqual(self.grammar.matches("line-body", message), wider)

    def test_sample_lines(self):
        for sample in SAMPLES:
            path = os.path.join(TOP, "tests", "data", sample)
            with open(path, encoding="utf-8", errors="surrogateescape") as lines:
                for number, line in enumerate(lines, start=1):
                    if line.startswith("# "):
                        continue
                    with self.subTest("%s:%d" % (sample, number)):
                        self._check_sample_line(line.rstrip("\n"))

    def _check_sample_line(self, line):
        program, message = reference.split_log_line(line)
        try:
            fields = reference.build_record(line)["fields"]
        except reference.NotDelivery:
            self.assertFalse(self.grammar.matches("line-body", message))
            return
        self.assertTrue(self.grammar.matches("line-body", message))
        self.assertTrue(self.grammar.matches("log-line", line))
        if "tls.raw" in fields:
            released = fields["tls.syntax"] == "final"
            self.assertTrue(self.grammar.matches("draft-tls-value", fields["tls.raw"]))
            self.assertEqual(self.grammar.matches("tls-value", fields["tls.raw"]), released)


class Documentation(unittest.TestCase):
    """The examples in docs/output-fields.md are what the reference outputs."""

    @classmethod
    def setUpClass(cls):
        with open(os.path.join(TOP, "docs", "output-fields.md"), encoding="utf-8") as page:
            cls.page = page.read()

    def test_worked_examples(self):
        blocks = re.findall(r"```\n(.*?)\n```\n\n```json\n(.*?)\n```", self.page, re.DOTALL)
        self.assertGreaterEqual(len(blocks), 5)
        for line, record in blocks:
            with self.subTest(line[:60]):
                fields = reference.build_record(line)["fields"]
                self.assertEqual(fields, json.loads(record))

    def test_state_tables(self):
        rows = re.findall(r"^\| `([^`|]+)` \| (draft|final) \|([^|]+)\|([^|]*)\| (\w+) \|$",
                          self.page, re.MULTILINE)
        self.assertGreaterEqual(len(rows), 15)
        for value, syntax, level, requiretls, verdict in rows:
            with self.subTest(value):
                fields = reference.parse_tls(value)
                self.assertEqual(fields["tls.syntax"], syntax)
                self.assertEqual(fields["tls.verdict"], verdict)
                self.assertEqual(self._described(fields, "tls."), level.strip())
                self.assertEqual(self._described(fields, "tls.requiretls."), requiretls.strip())

    def test_released_tables(self):
        levels = re.findall(r"^\| `([a-z:?!-]+)` \| ([a-z-]+) \|([^|]*)\|([^|]*)\|([^|]*)\|([^|]*)"
                            r"\| (\w+) \|$", self.page, re.MULTILINE)
        requiretls = re.findall(r"^\| `xxx/([a-z:?!]+)` \|([^|]*)\|([^|]*)\|([^|]*)\|([^|]*)"
                                r"\| (\w+) \|$", self.page, re.MULTILINE)
        self.assertGreaterEqual(len(levels), 11)
        self.assertEqual(len(requiretls), 8)
        for value, level, *states, verdict in levels:
            with self.subTest(value):
                fields = reference.parse_tls(value)
                self.assertEqual(fields["tls.level"], level)
                self.assertEqual(fields["tls.verdict"], verdict)
                self.assertEqual(self._described(fields, "tls."),
                                 ", ".join(state.strip() or "-" for state in states))
        for value, *states, verdict in requiretls:
            with self.subTest(value):
                fields = reference.parse_tls("may/" + value)
                self.assertEqual(fields["tls.verdict"], verdict)
                self.assertEqual(self._described(fields, "tls.requiretls."),
                                 ", ".join(state.strip() or "-" for state in states))

    @staticmethod
    def _described(fields, prefix):
        """Fields as the tables write them: status, achieved, downgraded, enforcement."""
        if prefix + "status" not in fields:
            return ""
        parts = []
        for key in ("status", "achieved", "downgraded", "enforcement"):
            value = fields.get(prefix + key, "-")
            parts.append(str(value).lower() if isinstance(value, bool) else value)
        return ", ".join(parts)

    def test_error_reasons(self):
        section = self.page[self.page.index("### Errors"):self.page.index("Precise reading")]
        examples = re.findall(r"`([^`]+)` (?:`([^`]+)` )?\((\d+)\)", section)
        self.assertGreaterEqual(len(examples), 25)
        for value, reason, offset in examples:
            with self.subTest(value):
                fields = reference.parse_tls(value)
                self.assertIn("tls.error", fields)
                self.assertTrue(fields["tls.error"].endswith(" at offset " + offset))
                if reason:
                    self.assertEqual(fields["tls.error"], reason + " at offset " + offset)


if __name__ == "__main__":
    unittest.main()
