#!/usr/bin/env python3
"""A stand-in for SendGrid's v3 mail send, for trying the app by hand (not used by the tests).

Usage: scripts/dev/sendgrid-recorder.py RECORD_FILE [PORT]   (default port 7072, loopback only)
Answers POST /v3/mail/send with 202 and an X-Message-Id, and appends one JSON line per mail to RECORD_FILE:
{"at": <epoch seconds>, "mail": <the v3 mail/send body>}. Any bearer key is accepted. Point the app at it with
SendGrid__BaseUrl=http://127.0.0.1:PORT and any SendGrid__ApiKey. Ctrl-C stops it.
"""
import json, sys, threading, time, uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

RECORD = sys.argv[1] if len(sys.argv) > 1 else sys.exit(__doc__)
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 7072
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    # Keep-alive as SendGrid does: an HTTP/1.0 answer that closes the socket races with the client's connection pool.
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path.rstrip("/") != "/v3/mail/send":
            return self.answer(404, {"errors": [{"message": "not found"}]})
        try:
            mail = json.loads(body)
        except ValueError:
            return self.answer(400, {"errors": [{"message": "body is not JSON"}]})
        with lock, open(RECORD, "a", encoding="utf-8") as f:
            f.write(json.dumps({"at": time.time(), "mail": mail}) + "\n")
        self.answer(202, None, {"X-Message-Id": uuid.uuid4().hex})

    def answer(self, status, body, headers=None):
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


print(f"SendGrid stand-in on http://127.0.0.1:{PORT} recording to {RECORD}", flush=True)
ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
