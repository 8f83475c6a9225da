#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""abnf.py - read the ABNF grammars in grammar/ and match text against them.

A small reader of the RFC 5234 notation (with RFC 7405 %s and %i strings),
enough for tlsfeat's grammars, so the grammars are checked mechanically:
every rule referenced is defined, no rule is defined twice, and sample
values match the rules they should. A grammar is turned into one Python
regular expression per rule (the grammars are not recursive).

API:
  Grammar(paths)          read and check one or more .abnf files; raises
                          GrammarError naming the file, line and problem
  grammar.rules           {rule name: definition text}
  grammar.matches(rule, text)  True when the whole text (str or bytes)
                          matches the rule

Command: abnf.py FILE...  checks the files and lists their rules.
"""

import re
import sys

CORE_RULES = {
    "alpha": rb"[A-Za-z]",
    "bit": rb"[01]",
    "char": rb"[\x01-\x7f]",
    "cr": rb"\r",
    "crlf": rb"\r\n",
    "ctl": rb"[\x00-\x1f\x7f]",
    "digit": rb"[0-9]",
    "dquote": rb'"',
    "hexdig": rb"[0-9A-Fa-f]",
    "htab": rb"\t",
    "lf": rb"\n",
    "octet": rb"[\x00-\xff]",
    "sp": rb" ",
    "vchar": rb"[\x21-\x7e]",
    "wsp": rb"[ \t]",
}

TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>;[^\n]*)
  | (?P<repeat>[0-9]*\*[0-9]*|[0-9]+)
  | (?P<string>%[si]?"[^"]*"|"[^"]*")
  | (?P<number>%[xdb][0-9A-Fa-f]+(?:(?:\.[0-9A-Fa-f]+)+|-[0-9A-Fa-f]+)?)
  | (?P<name>[A-Za-z][A-Za-z0-9-]*)
  | (?P<punct>[/()\[\]])
""", re.VERBOSE)


class GrammarError(Exception):
    pass


def _byte_class(code):
    return re.escape(bytes([code]))


def _number_regex(text):
    """%xHH, %xHH-HH or %xHH.HH.HH as a regular expression over bytes."""
    base = {"x": 16, "d": 10, "b": 2}[text[1]]
    body = text[2:]
    if "-" in body:
        low, high = (int(part, base) for part in body.split("-"))
        if high > 0xFF:
            raise GrammarError("value above one byte: " + text)
        return b"[" + _byte_class(low) + b"-" + _byte_class(high) + b"]"
    return b"".join(_byte_class(int(part, base)) for part in body.split("."))


def _string_regex(text):
    """A quoted string: case-insensitive unless %s."""
    sensitive = text.startswith("%s")
    literal = text[text.index('"') + 1:-1].encode("ascii")
    if sensitive:
        return re.escape(literal)
    parts = []
    for code in literal:
        char = bytes([code])
        if char.isalpha():
            parts.append(b"[" + char.upper() + char.lower() + b"]")
        else:
            parts.append(re.escape(char))
    return b"".join(parts)


class _Parser:
    """Recursive descent over the tokens of one rule definition."""

    def __init__(self, tokens, resolve):
        self.tokens = tokens
        self.pos = 0
        self.resolve = resolve

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else (None, None)

    def take(self):
        token = self.peek()
        self.pos += 1
        return token

    def alternation(self):
        options = [self.concatenation()]
        while self.peek() == ("punct", "/"):
            self.take()
            options.append(self.concatenation())
        return b"(?:" + b"|".join(options) + b")" if len(options) > 1 else options[0]

    def concatenation(self):
        parts = []
        while self.peek()[0] is not None and self.peek() not in (("punct", "/"),
                                                                  ("punct", ")"),
                                                                  ("punct", "]")):
            parts.append(self.repetition())
        if not parts:
            raise GrammarError("empty concatenation")
        return b"".join(parts)

    def repetition(self):
        kind, text = self.peek()
        if kind != "repeat":
            return self.element()
        self.take()
        element = b"(?:" + self.element() + b")"
        if "*" not in text:
            return element + b"{" + text.encode() + b"}"
        low, high = text.split("*")
        return element + b"{" + (low or "0").encode() + b"," + high.encode() + b"}"

    def element(self):
        kind, text = self.take()
        if kind == "name":
            return b"(?:" + self.resolve(text.lower()) + b")"
        if kind == "string":
            return _string_regex(text)
        if kind == "number":
            return _number_regex(text)
        if (kind, text) == ("punct", "("):
            inner = self.alternation()
            self._expect(")")
            return b"(?:" + inner + b")"
        if (kind, text) == ("punct", "["):
            inner = self.alternation()
            self._expect("]")
            return b"(?:" + inner + b")?"
        raise GrammarError("unexpected %r" % text)

    def _expect(self, punct):
        if self.take() != ("punct", punct):
            raise GrammarError("expected %r" % punct)


class Grammar:
    """Grammar - the rules of one or more ABNF files, checked and compiled."""

    def __init__(self, paths):
        self.rules = {}
        self.origin = {}
        for path in paths:
            self._read(path)
        self.compiled = {}
        for name in self.rules:
            self._compile(name, ())
        self.regexes = {name: re.compile(regex, re.DOTALL)
                        for name, regex in self.compiled.items()}

    def _read(self, path):
        """Split a file into rules: a rule starts at column 0, continues indented."""
        with open(path, encoding="utf-8") as grammar_file:
            lines = grammar_file.read().split("\n")
        current = None
        for number, line in enumerate(lines, start=1):
            code = self._strip_comment(line)
            if not code.strip():
                continue
            if line[0].isspace():
                if current is None:
                    raise GrammarError("%s:%d: continuation without a rule" % (path, number))
                self.rules[current] += " " + code.strip()
                continue
            definition = re.match(r"([A-Za-z][A-Za-z0-9-]*)\s*(=/|=)\s*(.*)", code)
            if not definition:
                raise GrammarError("%s:%d: not a rule definition" % (path, number))
            name, operator, body = definition.groups()
            current = name.lower()
            if operator == "=/":
                self.rules[current] += " / " + body
            elif current in self.rules:
                raise GrammarError("%s:%d: rule %s defined again (first at %s)"
                                   % (path, number, name, self.origin[current]))
            else:
                self.rules[current] = body
                self.origin[current] = "%s:%d" % (path, number)

    @staticmethod
    def _strip_comment(line):
        """The part of a line before a ";" that is not inside a string."""
        inside = False
        for index, char in enumerate(line):
            if char == '"':
                inside = not inside
            elif char == ";" and not inside:
                return line[:index]
        return line

    def _tokens(self, name):
        tokens = []
        body = self.rules[name]
        pos = 0
        while pos < len(body):
            match = TOKEN.match(body, pos)
            if not match:
                raise GrammarError("%s: cannot read %r" % (self.origin[name], body[pos:]))
            if match.lastgroup not in ("space", "comment"):
                tokens.append((match.lastgroup, match.group()))
            pos = match.end()
        return tokens

    def _compile(self, name, stack):
        if name in self.compiled:
            return self.compiled[name]
        if name in stack:
            raise GrammarError("rule %s is recursive" % name)
        if name not in self.rules:
            if name in CORE_RULES:
                return CORE_RULES[name]
            raise GrammarError("rule %s is referenced but not defined" % name)
        parser = _Parser(self._tokens(name), lambda ref: self._compile(ref, stack + (name,)))
        try:
            regex = parser.alternation()
        except GrammarError as problem:
            raise GrammarError("%s: rule %s: %s" % (self.origin[name], name, problem))
        if parser.pos != len(parser.tokens):
            raise GrammarError("%s: rule %s: unexpected %r"
                               % (self.origin[name], name, parser.peek()[1]))
        self.compiled[name] = regex
        return regex

    def matches(self, rule, text):
        """matches - whether the whole text matches the rule."""
        if isinstance(text, str):
            text = text.encode("utf-8", "surrogateescape")
        return self.regexes[rule.lower()].fullmatch(text) is not None


def main(argv):
    if len(argv) < 2:
        print("usage: abnf.py FILE...", file=sys.stderr)
        return 2
    try:
        grammar = Grammar(argv[1:])
    except GrammarError as problem:
        print("abnf: %s" % problem, file=sys.stderr)
        return 1
    for name in grammar.rules:
        print(name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
