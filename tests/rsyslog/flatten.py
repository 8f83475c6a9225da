# SPDX-License-Identifier: MIT
"""flatten.py - compare rsyslog's nested $!postfix with the expected flat records.

The expected records (tests/data/expected/*.jsonl) hold "fields" as flat
relative names ("tls.requiretls.status") with JSON-typed values. The helper
and rsyslog nest them at each ".". Both sides are reduced to one form:
{name: (kind, value)} with kind "string", "number" or "boolean", numbers as
floats (rsyslog may print 0.27 as 0.27000000000000002, the same double).
"""


def _typed(value):
    if isinstance(value, bool):
        return ("boolean", value)
    if isinstance(value, (int, float)):
        return ("number", float(value))
    if isinstance(value, str):
        return ("string", value)
    return ("unexpected " + type(value).__name__, repr(value))


def typed_fields(fields):
    """Expected flat fields in the comparable form."""
    return {name: _typed(value) for name, value in fields.items()}


def flatten_postfix(tree, prefix=""):
    """A nested $!postfix object in the comparable form."""
    flat = {}
    for name, value in tree.items():
        if isinstance(value, dict):
            flat.update(flatten_postfix(value, prefix + name + "."))
        else:
            flat[prefix + name] = _typed(value)
    return flat


def flatten_reply(reply):
    """A helper reply: None for {}, else its $!postfix fields in the comparable form."""
    if reply == {}:
        return None
    return flatten_postfix(reply["$!"]["postfix"])
