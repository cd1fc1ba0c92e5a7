"""A second client of the protocol, written as a skill author outside Node would: Python's
standard library only (urllib, hand-built multipart, the SSE stream read line by line). It runs
the client flow of PROTOCOL.md against a base URL and prints one JSON object with what it saw,
so the test that runs it can check every step. Usage: protocol_client.py BASE_URL CLIP OUT_MP4
"""
import json
import sys
import time
import urllib.error
import urllib.request
import uuid

BASE, CLIP, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
HEADERS = {"X-Skill-Source": "py-skill", "X-Skill-Version": "0.3.1", "X-Skill-Platform": "unknown"}


def call(method, path, token=None, body=None, headers=None, raw=None):
    h = dict(HEADERS)
    h.update(headers or {})
    if token:
        h["Authorization"] = "Bearer " + token
    data = raw
    if body is not None:
        data = json.dumps(body).encode()
        h["Content-Type"] = "application/json"
    req = urllib.request.Request(BASE + path, data=data, method=method, headers=h)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


seen = {}
cid = str(uuid.uuid4())
status, r = call("POST", "/api/auth/anonymous-token", headers={"X-Client-Id": cid})
token = r["data"]["token"]
seen["token"] = {"status": status, "code": r["code"], "credits": r["data"]["credits"]}
status, r = call("POST", "/api/auth/anonymous-token", headers={"X-Client-Id": cid})
seen["second_token"] = {"status": status, "code": r["code"]}

status, r = call("POST", "/api/tasks/me/with-session/nemo_agent", token, {"task_name": "project", "language": "en"})
sid = r["data"]["session_id"]
seen["session"] = {"status": status, "code": r["code"]}

boundary = "----pyclient" + uuid.uuid4().hex
with open(CLIP, "rb") as f:
    payload = f.read()
body = (
    ("--%s\r\nContent-Disposition: form-data; name=\"files\"; filename=\"py clip.mp4\"\r\nContent-Type: video/mp4\r\n\r\n" % boundary).encode()
    + payload
    + ("\r\n--%s--\r\n" % boundary).encode()
)
status, r = call("POST", "/api/upload-video/nemo_agent/me/" + sid, token, raw=body, headers={"Content-Type": "multipart/form-data; boundary=" + boundary})
seen["upload"] = {"status": status, "code": r["code"], "files": r["data"]["files"] if r["data"] else None}

req = urllib.request.Request(
    BASE + "/run_sse",
    data=json.dumps({"app_name": "nemo_agent", "user_id": "me", "session_id": sid, "new_message": {"parts": [{"text": "make it square and black and white"}]}}).encode(),
    method="POST",
    headers=dict(HEADERS, **{"Authorization": "Bearer " + token, "Content-Type": "application/json", "Accept": "text/event-stream"}),
)
events, texts, calls = [], [], []
with urllib.request.urlopen(req, timeout=120) as r:
    seen["sse_content_type"] = r.headers.get("Content-Type")
    for line in r:
        line = line.decode("utf-8").rstrip("\r\n")
        if not line.startswith("data:"):
            continue
        ev = json.loads(line[5:].strip())
        events.append(ev)
        for part in ev["content"]["parts"]:
            if "text" in part and not ev["partial"]:
                texts.append(part["text"])
            if "function_call" in part:
                calls.append(part["function_call"]["name"])
seen["sse"] = {"events": len(events), "last_turn_complete": events[-1]["turn_complete"], "texts": texts, "calls": calls}

status, r = call("GET", "/api/state/nemo_agent/me/%s/latest" % sid, token)
state = r["data"]["state"]
seen["state"] = {"aspect": state["draft"]["m"]["format"]["aspect"], "bin": len(state["video_infos"])}

rid = "render_%d" % int(time.time() * 1000)
status, r = call("POST", "/api/render/proxy/lambda", token, {"id": rid, "sessionId": sid, "draft": state["draft"], "output": {"format": "mp4", "quality": "high"}})
seen["render"] = {"status": status, "code": r["code"], "id": r["data"]["id"]}
statuses = []
deadline = time.time() + 180
while True:
    status, r = call("GET", "/api/render/proxy/lambda/" + rid, token)
    statuses.append(r["data"]["status"])
    if r["data"]["status"] in ("completed", "failed", "cancelled") or time.time() > deadline:
        break
    time.sleep(0.2)
seen["poll"] = {"final": r["data"]["status"], "statuses": sorted(set(statuses))}
with urllib.request.urlopen(r["data"]["output"]["url"], timeout=60) as d, open(OUT, "wb") as f:
    f.write(d.read())
    seen["download"] = {"status": d.status, "type": d.headers.get("Content-Type")}

status, r = call("GET", "/api/credits/balance/simple", token)
seen["credits"] = r["data"]
print(json.dumps(seen))
