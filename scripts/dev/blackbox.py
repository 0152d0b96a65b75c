"""What the black-box checks in this folder share: the app's API, the SendGrid stand-in's record, and PASS/FAIL lines.

Imported by promise-check.py and agent-mail-check.py (Python puts the script's own folder on the path).
"""
import json, sys, time, urllib.error, urllib.request


class App:
    """The running app at URL: the agents' API with a bearer key, the webhook with the function key."""

    def __init__(self, url, webhook_key, agent_key):
        self.url, self.webhook_key, self.agent_key = url, webhook_key, agent_key

    def call(self, method, path, body=None, key=None, webhook=False):
        headers = {"content-type": "application/json"}
        if webhook:
            headers["x-functions-key"] = self.webhook_key
        else:
            headers["authorization"] = f"Bearer {key or self.agent_key}"
        req = urllib.request.Request(self.url + path, data=None if body is None else json.dumps(body).encode(), method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, json.loads(r.read() or b"null")
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"null")


class Record:
    """The mails scripts/dev/sendgrid-recorder.py wrote, one dict each: at, to, subject, text, reply_to, headers."""

    def __init__(self, path):
        self.path = path

    def sent(self):
        mails = []
        try:
            with open(self.path, encoding="utf-8") as f:
                for line in f:
                    rec = json.loads(line)
                    m = rec["mail"]
                    mails.append({
                        "at": rec["at"],
                        "to": [t["email"] for p in m.get("personalizations", []) for t in p.get("to", [])],
                        "subject": m.get("subject", ""),
                        "text": next((c["value"] for c in m.get("content", []) if c["type"] == "text/plain"), ""),
                        "reply_to": (m.get("reply_to") or {}).get("email"),
                        "headers": m.get("headers") or {},
                    })
        except FileNotFoundError:
            pass
        return mails

    def wait_for(self, what, predicate, seconds):
        deadline = time.time() + seconds
        while time.time() < deadline:
            found = [m for m in self.sent() if predicate(m)]
            if found:
                return found
            time.sleep(1)
        sys.exit(f"FAIL: no {what} within {seconds} s")


class Checks:
    """One PASS/FAIL line per check, a summary line last, and the exit code."""

    def __init__(self):
        self.results = []

    def check(self, name, ok, detail=""):
        self.results.append(ok)
        print(f"{'PASS' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}", flush=True)

    def finish(self, title):
        print(f"{title}: {sum(self.results)}/{len(self.results)} hold", flush=True)
        sys.exit(0 if all(self.results) else 1)
