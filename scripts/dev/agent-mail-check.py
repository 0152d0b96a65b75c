#!/usr/bin/env python3
"""Black-box check of agents working from their inbox against a running app (scripts/dev/agent-mail-check.sh starts one).

Usage: agent-mail-check.py URL WEBHOOK_KEY AGENT_KEY RECORD_FILE LEAD_KEY
LEAD_KEY is another agent's key: that agent assigns the ticket (nobody is told of an assignment they made). RECORD_FILE is what scripts/dev/sendgrid-recorder.py writes. The app must sign reply addresses (Support__ReplyAddressKeys,
which scripts/run.sh sets), use support@example.test and run the escalation sweep every 10 s. The agent whose key is given
sets their address; a customer's mail opens a ticket; it is assigned to the agent; the sweep's notice arrives with a signed
Reply-To. Then the agent's mail to that address is posted as SendGrid Inbound Parse posts it (multipart/form-data, parsed
and raw mode): a reply with DKIM passing for the agent's domain mails the customer the agent's words and nothing of the
notice; #note mails nobody and keeps an internal note; SPF=fail without DKIM, another From or a tampered address mail
nothing to the customer and keep a note flagged as not verified, and the agent is told; the agent's out-of-office mails
nobody. Prints one line per check and a summary, and exits non-zero if any fails.
"""
import json, sys, time, urllib.request, uuid

from blackbox import App, Checks, Record

URL, WEBHOOK_KEY, AGENT_KEY, RECORD, LEAD_KEY = sys.argv[1:6] if len(sys.argv) >= 6 else sys.exit(__doc__)
app, record, checks = App(URL, WEBHOOK_KEY, AGENT_KEY), Record(RECORD), Checks()
call, sent, wait_for, check = app.call, record.sent, record.wait_for, checks.check
CUSTOMER = "jane@customer.example"
AGENT = "agent@shop.example"
WORDS = "Hi Jane, please unplug the printer now; a technician will call you at 3 pm today."
NOTICE_PHRASES = ("Assigned to you", "Reply to this email to answer the customer", "-- Reply above this line --", "State: open")


def post_inbound(route, body, content_type):
    req = urllib.request.Request(f"{URL}/api/inbound/{route}", data=body, method="POST",
                                 headers={"content-type": content_type, "x-functions-key": WEBHOOK_KEY})
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status


def form(fields):
    """multipart/form-data as SendGrid's Inbound Parse posts it: one text part per field, Content-Disposition only."""
    boundary = "xYzZY" + uuid.uuid4().hex[:12]
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n' for name, value in fields]
    return ("".join(parts) + f"--{boundary}--\r\n").encode(), f"multipart/form-data; boundary={boundary}"


def detail(ticket):
    status, body = call("GET", f"/api/tickets/{ticket}")
    assert status == 200, (status, body)
    return body


# The agent, their address, a ticket assigned to them and the notice the sweep sends.
status, me = call("GET", "/api/me")
assert status == 200, (status, me)
agent = me["name"]
status, body = call("PATCH", "/api/me", {"email": AGENT})
check("PATCH /api/me sets the agent's address", status == 200 and body["email"] == AGENT, f"{agent} <{body.get('email')}>")

subject = f"Printer on fire {uuid.uuid4().hex[:6]}"
status = post_inbound("json", json.dumps({"from": f"Jane Doe <{CUSTOMER}>", "to": ["support@example.test"], "subject": subject,
                                          "text": "Hello, my printer is on fire. What should I do?"}).encode(), "application/json")
assert status == 200, status
ack = wait_for("acknowledgment", lambda m: CUSTOMER in m["to"] and subject in m["subject"], 60)[0]
ticket = ack["subject"].split("[#", 1)[1].split("]", 1)[0]
status, body = call("PATCH", f"/api/tickets/{ticket}", {"assignee": agent, "version": detail(ticket)["ticket"]["version"]}, key=LEAD_KEY)
check(f"ticket {ticket} assigned to {agent} (by lead)", status == 200, str(status))

notice = wait_for("notice to the agent", lambda m: AGENT in m["to"] and f"[#{ticket}]" in m["subject"], 60)[0]
reply_to = notice["reply_to"] or ""
local = reply_to.split("@")[0]
check("notice has a signed Reply-To", local.startswith(f"support+R") and ticket in local and reply_to.endswith("@example.test") and len(local) == len("support+") + 28,
      f"{notice['subject']} / Reply-To {reply_to} / Auto-Submitted {notice['headers'].get('Auto-Submitted')}")
quoted = "\n".join(">" if not line else "> " + line for line in notice["text"].rstrip("\n").split("\n"))
message_id = notice["headers"].get("Message-ID", "")


def gmail(words):
    return f"{words}\n\nOn Mon, Jan 5, 2026 at 10:05 AM Example Support <\n{reply_to}> wrote:\n\n{quoted}\n"


def post_agent_mail(mode, text, sender=f"Agent <{AGENT}>", to=None, spf="softfail", dkim="{@shop.example : pass}", extra_headers="", subject_line=None):
    """Posts the agent's mail; waits until the ticket records it; returns the mails sent meanwhile."""
    to = to or reply_to
    subj = subject_line or "Re: " + notice["subject"]
    mid = f"<{uuid.uuid4().hex}@shop.example>"
    headers = (f"From: {sender}\r\nTo: {to}\r\nSubject: {subj}\r\nDate: Mon, 5 Jan 2026 10:05:00 +0100\r\nMessage-ID: {mid}\r\n"
               f"In-Reply-To: {message_id}\r\nReferences: {message_id}\r\nMIME-Version: 1.0\r\n{extra_headers}")
    envelope = json.dumps({"to": [to], "from": sender.split("<")[-1].rstrip(">")})
    smtp = [("envelope", envelope), ("spam_score", "0.1"), ("sender_ip", "192.0.2.25")] + ([("SPF", spf)] if spf else []) + ([("dkim", dkim)] if dkim else [])
    if mode == "parsed":
        fields = [("headers", headers + "Content-Type: text/plain; charset=UTF-8\r\n"), ("from", sender), ("to", to), ("subject", subj), ("text", text),
                  ("charsets", json.dumps({"to": "UTF-8", "from": "UTF-8", "subject": "UTF-8", "text": "UTF-8"}))] + smtp
    else:
        email = headers + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + text.replace("\n", "\r\n")
        fields = [("email", email), ("from", sender), ("to", to), ("subject", subj), ("charsets", json.dumps({"to": "UTF-8", "from": "UTF-8", "subject": "UTF-8"}))] + smtp
    before_mail = len(sent())
    before_messages = len(detail(ticket)["messages"])
    body, content_type = form(fields)
    assert post_inbound("sendgrid", body, content_type) == 200
    deadline = time.time() + 60
    while len(detail(ticket)["messages"]) <= before_messages and time.time() < deadline:
        time.sleep(0.5)
    time.sleep(3)  # the outbox sends right after the commit; give it time, and a retry, to show
    return sent()[before_mail:], detail(ticket)


def to_customer(mails):
    return [m for m in mails if CUSTOMER in m["to"]]


def new_messages(d, count):
    return d["messages"][-count:]


for mode in ("parsed", "raw"):
    mails, d = post_agent_mail(mode, gmail(WORDS))
    customer = to_customer(mails)
    leaked = [p for p in NOTICE_PHRASES[:2] + (NOTICE_PHRASES[3], reply_to) if customer and p in customer[0]["text"]]
    check(f"{mode}: verified reply mails the customer once with the agent's words and none of the notice",
          len(customer) == 1 and WORDS in customer[0]["text"] and not leaked and len(mails) == 1,
          f"{len(customer)} to the customer, {len(mails)} in all{', notice text: ' + str(leaked) if leaked else ''}")
    outbound = [m for m in d["messages"] if m["direction"] == "outbound"]
    check(f"{mode}: the ticket shows the reply as {agent}'s", bool(outbound) and outbound[-1]["author"] == agent and outbound[-1]["text"] == WORDS,
          f"{outbound[-1]['author']}: {outbound[-1]['text'][:60]!r}" if outbound else "no outbound message")

mails, d = post_agent_mail("parsed", gmail("#note\nCalled the courier; the parcel is at the depot."))
last = d["messages"][-1]
check("#note: no mail, an internal note", not mails and last["direction"] == "note" and last["author"] == agent and not last["unverifiedSender"]
      and last["text"] == "Called the courier; the parcel is at the depot.", f"{len(mails)} mails; last message {last['direction']} by {last['author']}: {last['text'][:50]!r}")

outbound_before = len([m for m in d["messages"] if m["direction"] == "outbound"])
tampered = reply_to[:reply_to.index("@") - 1] + ("A" if reply_to[reply_to.index("@") - 1] != "A" else "B") + reply_to[reply_to.index("@"):]
refusals = [
    ("parsed", "SPF=fail, no DKIM", dict(spf="fail", dkim=None)),
    ("raw", "SPF=fail, no DKIM", dict(spf="fail", dkim=None)),
    ("parsed", "another From", dict(sender="Mallory <mallory@shop.example>", spf="pass")),
    ("parsed", "tampered token", dict(to=tampered)),
]
for mode, what, options in refusals:
    mails, d = post_agent_mail(mode, gmail(WORDS), **options)
    last = d["messages"][-1]
    told = [m for m in mails if AGENT in m["to"] and "Not acted on" in m["subject"]]
    outbound_now = len([m for m in d["messages"] if m["direction"] == "outbound"])
    check(f"{mode}: {what}: no mail to the customer, a flagged note, the agent told",
          not to_customer(mails) and last["direction"] == "note" and last["unverifiedSender"] and outbound_now == outbound_before and len(told) == 1,
          f"{len(to_customer(mails))} to the customer; last message {last['direction']} unverifiedSender={last['unverifiedSender']}; "
          + (f"agent told: {told[0]['subject']}" if told else "agent not told"))

for mode in ("parsed", "raw"):
    mails, d = post_agent_mail(mode, "I am out of the office until Monday 12 January.", subject_line="Automatic reply: " + notice["subject"],
                               extra_headers="Auto-Submitted: auto-replied\r\nX-Auto-Response-Suppress: All\r\n")
    last = d["messages"][-1]
    check(f"{mode}: the agent's out-of-office: nothing to anyone", not mails and last["automatic"] is not None and d["ticket"]["status"] == "open",
          f"{len(mails)} mails; recorded as automatic: {last['automatic']}")

checks.finish("agent mail black box")
