#!/usr/bin/env python3
"""Black-box check of promises to customers against a running app (scripts/dev/promise-check.sh starts one).

Usage: promise-check.py URL WEBHOOK_KEY AGENT_KEY RECORD_FILE
RECORD_FILE is what scripts/dev/sendgrid-recorder.py writes. The app must run a policy with promises.remindBefore 1m,
statusNotes after 1m, no escalations, customerDaytime off, the team recipient team@example.test and sweeps every 10 s.
Two tickets: A gets an update promise 90 s out that nobody keeps (a reminder to the team before it, the promise broken,
one apology naming the new date); B gets one kept by a public reply in time (kept, no apology). A's status note repeats
the words of the last public reply. Prints one line per check and exits non-zero if any fails.
"""
import sys, time
from datetime import datetime, timedelta, timezone

from blackbox import App, Checks, Record

URL, WEBHOOK_KEY, AGENT_KEY, RECORD = (sys.argv[1:5] + [None] * 4)[:4] if len(sys.argv) >= 5 else sys.exit(__doc__)
CUSTOMER = "jane@customer.example"
TEAM = "team@example.test"
PLUS_ONE = timezone(timedelta(hours=1))
app, record, checks = App(URL, WEBHOOK_KEY, AGENT_KEY), Record(RECORD), Checks()
call, sent, wait_for, check = app.call, record.sent, record.wait_for, checks.check


def open_ticket(subject, text):
    status, _ = call("POST", "/api/inbound/json", {"from": f"Jane Doe <{CUSTOMER}>", "to": ["support@example.test"], "subject": subject, "text": text}, webhook=True)
    assert status == 200, status
    ack = wait_for(f"acknowledgment of '{subject}'", lambda m: CUSTOMER in m["to"] and subject in m["subject"], 60)[0]
    ticket = ack["subject"].split("[#", 1)[1].split("]", 1)[0]
    return ticket


def reply(ticket, text, promise=None):
    status, body = call("GET", f"/api/tickets/{ticket}")
    assert status == 200, (status, body)
    payload = {"text": text, "public": True, "version": body["ticket"]["version"]}
    if promise:
        payload["promise"] = promise
    status, body = call("POST", f"/api/tickets/{ticket}/replies", payload)
    assert status == 200, (status, body)
    return body


def promises(ticket):
    return [(p["kind"], p["state"]) for p in call("GET", f"/api/tickets/{ticket}")[1]["ticket"]["promises"]]


a = open_ticket("Order 1234 never arrived", "The parcel was due on Monday and the tracking page says nothing.")
b = open_ticket("Invoice address wrong", "Please change the address on invoice 77.")
words = "We have asked the courier where parcel 1234 is and will write again as soon as they answer."
a_by = datetime.now(PLUS_ONE) + timedelta(seconds=90)
reply(a, words, {"kind": "update", "by": a_by.isoformat(timespec="seconds")})
b_by = datetime.now(PLUS_ONE) + timedelta(seconds=90)
reply(b, "We are correcting the invoice now.", {"kind": "update", "by": b_by.isoformat(timespec="seconds")})
print(f"tickets: A {a} promised an update by {a_by.isoformat(timespec='seconds')}; B {b} by {b_by.isoformat(timespec='seconds')}", flush=True)

stated = wait_for("reply stating A's promise", lambda m: a in m["subject"] and words in m["text"], 30)[0]
check("A's reply states the promise", "We will write to you again by" in stated["text"], stated["text"].split(words, 1)[1].strip().splitlines()[0])

time.sleep(45)
reply(b, "Done: invoice 77 now shows the new address.")

# On its own or in the team's digest, when the same sweep reminds them of B's too.
reminder = wait_for("reminder to the team", lambda m: TEAM in m["to"] and f"[#{a}]" in m["subject"] + m["text"] and "we promised an update" in m["text"], 60)[0]
check("reminder to the team before A's date", reminder["at"] < a_by.timestamp(), f"{reminder['subject']} at {datetime.fromtimestamp(reminder['at'], timezone.utc):%H:%M:%S}Z")

apology = wait_for("apology for A", lambda m: CUSTOMER in m["to"] and a in m["subject"] and "sorry" in m["text"], 90)[0]
new_date = [line for line in apology["text"].splitlines() if "estimate" in line or "expect" in line]
check("one apology for A after its date, naming the new date", apology["at"] >= a_by.timestamp() and bool(new_date), new_date[0] if new_date else apology["text"])

note = wait_for("status note for A repeating the reply", lambda m: CUSTOMER in m["to"] and a in m["subject"] and "A short update" in m["text"], 150)[0]
check("A's status note repeats the last public reply", "> " + words[:60] in note["text"],
      next((line for line in note["text"].splitlines() if line.startswith("> ")), "no quote"))

time.sleep(25)
apologies_a = [m for m in sent() if CUSTOMER in m["to"] and a in m["subject"] and "sorry" in m["text"]]
apologies_b = [m for m in sent() if CUSTOMER in m["to"] and b in m["subject"] and "sorry" in m["text"]]
check("exactly one apology for A", len(apologies_a) == 1, str(len(apologies_a)))
check("A's promises", ("update", "broken") in promises(a) and ("resolution", "open") in promises(a), str(promises(a)))
check("B's promise kept, no apology", ("update", "kept") in promises(b) and not apologies_b, f"{promises(b)}, apologies {len(apologies_b)}")
status, metrics = call("GET", "/api/metrics")
week = next(p for p in metrics["promises"] if p["days"] == 7)
check("/api/metrics counts promises", week["kept"] >= 3 and week["broken"] >= 1, f"7 days: kept {week['kept']}, broken {week['broken']}")

checks.finish("promises black box")
