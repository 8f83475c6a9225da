#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""mock_bulk_receiver.py - a stand-in for the Elasticsearch bulk API and the
Splunk HTTP Event Collector, on 127.0.0.1, for the http() delivery tests.

    mock_bulk_receiver.py --port-file FILE --out FILE [--token TOKEN] [--lifetime SECONDS]

Listens on a free port of 127.0.0.1 and writes the port number to
--port-file. Every request is checked for the framing the real service
demands and every document for strict JSON (valid UTF-8, no NaN, no
duplicate keys in any object). Each finding is appended to --out as one
JSON line:

    {"api": "bulk", "request": {"path", "content_type", "authorization", "documents"}}
    {"api": "bulk", "action": {...}, "doc": {...}}
    {"api": "hec", "request": {...}}
    {"api": "hec", "event": {...}}
    {"api": "bulk" | "hec", "error": "what was wrong"}   (answered with 400)

POST .../_bulk is the bulk API: NDJSON, "Content-Type: application/x-ndjson",
pairs of an action line ({"index"|"create": {"_index": NAME}}) and a document
line, the body ending in a newline. POST .../services/collector/event is HEC:
"Authorization: Splunk TOKEN" (checked when --token is given), one or more
JSON objects separated by whitespace, each with an "event", a numeric "time"
when present and "fields" whose values are strings. The server stops by
itself after --lifetime seconds (default 120).
"""
import argparse
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FramingError(Exception):
    """The request breaks the framing or JSON rules of the service."""


def _reject_constant(name):
    raise FramingError(f"non-JSON constant {name}")


def _unique_object(pairs):
    keys = [key for key, _ in pairs]
    if len(keys) != len(set(keys)):
        raise FramingError(f"duplicate key in object: {sorted(keys)}")
    return dict(pairs)


def strict_loads(text):
    """json.loads that refuses NaN/Infinity and duplicate keys."""
    try:
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_object)
    except json.JSONDecodeError as error:
        raise FramingError(f"invalid JSON: {error}") from None


def decode_utf8(body):
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FramingError(f"body is not UTF-8: {error}") from None


def parse_bulk(body, content_type):
    """The (action, doc) pairs of one bulk request."""
    if not content_type.startswith("application/x-ndjson"):
        raise FramingError(f"bulk Content-Type is {content_type!r}")
    text = decode_utf8(body)
    if not text.endswith("\n"):
        raise FramingError("bulk body does not end with a newline")
    lines = text[:-1].split("\n")
    if len(lines) % 2:
        raise FramingError(f"bulk body has an odd number of lines ({len(lines)})")
    pairs = []
    for i in range(0, len(lines), 2):
        action = strict_loads(lines[i])
        if not isinstance(action, dict) or len(action) != 1:
            raise FramingError(f"bulk action line {i + 1} is not one operation: {lines[i]!r}")
        operation, target = next(iter(action.items()))
        if operation not in ("index", "create") or not isinstance(target.get("_index"), str):
            raise FramingError(f"bulk action line {i + 1} is not index/create: {lines[i]!r}")
        doc = strict_loads(lines[i + 1])
        if not isinstance(doc, dict):
            raise FramingError(f"bulk document line {i + 2} is not an object")
        pairs.append((action, doc))
    return pairs


def parse_hec(body, authorization, token):
    """The events of one HEC request."""
    if token is not None and authorization != f"Splunk {token}":
        raise FramingError(f"HEC Authorization is {authorization!r}")
    text = decode_utf8(body)
    decoder = json.JSONDecoder(parse_constant=_reject_constant, object_pairs_hook=_unique_object)
    events = []
    position = 0
    while True:
        while position < len(text) and text[position] in " \t\r\n":
            position += 1
        if position == len(text):
            break
        try:
            event, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError as error:
            raise FramingError(f"invalid HEC JSON: {error}") from None
        if not isinstance(event, dict) or "event" not in event:
            raise FramingError("HEC object without an event")
        if "time" in event and not isinstance(event["time"], (int, float)):
            raise FramingError(f"HEC time is not a number: {event['time']!r}")
        for name, value in event.get("fields", {}).items():
            if not isinstance(value, str):
                raise FramingError(f"HEC indexed field {name} is not a string")
        events.append(event)
    if not events:
        raise FramingError("HEC request without events")
    return events


class Receiver(BaseHTTPRequestHandler):
    server_version = "mock-bulk-receiver"

    def log_message(self, format, *args):  # quiet: findings go to --out
        pass

    def _record(self, finding):
        with self.server.out_lock:
            self.server.out.write(json.dumps(finding, sort_keys=True) + "\n")
            self.server.out.flush()

    def _answer(self, status, payload):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        request = {
            "path": self.path,
            "content_type": self.headers.get("Content-Type", ""),
            "authorization": self.headers.get("Authorization", ""),
        }
        api = "bulk" if self.path.endswith("/_bulk") else "hec"
        try:
            if api == "bulk":
                self._bulk(body, request)
            else:
                self._hec(body, request)
        except FramingError as error:
            self._record({"api": api, "error": str(error)})
            self._answer(400, {"error": str(error)})

    def _bulk(self, body, request):
        pairs = parse_bulk(body, request["content_type"])
        request["documents"] = len(pairs)
        self._record({"api": "bulk", "request": request})
        items = []
        for action, doc in pairs:
            self._record({"api": "bulk", "action": action, "doc": doc})
            operation, target = next(iter(action.items()))
            items.append({operation: {"_index": target["_index"], "status": 201}})
        self._answer(200, {"took": 1, "errors": False, "items": items})

    def _hec(self, body, request):
        events = parse_hec(body, request["authorization"], self.server.token)
        request["documents"] = len(events)
        self._record({"api": "hec", "request": request})
        for event in events:
            self._record({"api": "hec", "event": event})
        self._answer(200, {"text": "Success", "code": 0})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--token")
    parser.add_argument("--lifetime", type=float, default=120.0)
    args = parser.parse_args()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    server.daemon_threads = True
    server.token = args.token
    server.out_lock = threading.Lock()
    with open(args.out, "a", encoding="utf-8") as out:
        server.out = out
        with open(args.port_file + ".tmp", "w", encoding="ascii") as port_file:
            port_file.write(f"{server.server_address[1]}\n")
        os.rename(args.port_file + ".tmp", args.port_file)
        stopper = threading.Timer(args.lifetime, server.shutdown)
        stopper.daemon = True
        stopper.start()
        server.serve_forever()


if __name__ == "__main__":
    main()
