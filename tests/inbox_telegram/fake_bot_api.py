"""A local Bot API on 127.0.0.1 that records every call and answers as scripted."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FILE_BYTES = b"\xff\xd8\xff\xe0 fake jpeg bytes"


class FakeBotApi:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict]] = []  # (method, JSON body)
        self.downloads: list[str] = []
        self.scripted: dict[str, list[tuple[int, dict]]] = {}  # method -> answers, in order
        self.next_message_id = 1000
        self.updates: list[dict] = []  # served once by getUpdates
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> "FakeBotApi":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def script(self, method: str, status: int, body: dict) -> None:
        self.scripted.setdefault(method, []).append((status, body))

    def sent_texts(self) -> list[str]:
        return [body["text"] for method, body in self.calls if method == "sendMessage"]

    def answer(self, method: str, body: dict) -> tuple[int, dict]:
        self.calls.append((method, body))
        if self.scripted.get(method):
            return self.scripted[method].pop(0)
        if method == "sendMessage":
            self.next_message_id += 1
            return 200, {"ok": True, "result": {"message_id": self.next_message_id}}
        if method == "getFile":
            path = f"files/{body['file_id']}.bin"
            return 200, {"ok": True, "result": {"file_id": body["file_id"], "file_path": path}}
        if method == "getUpdates":
            offset = body.get("offset") or 0
            result = [u for u in self.updates if u["update_id"] >= offset]
            return 200, {"ok": True, "result": result}
        return 200, {"ok": True, "result": True}

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                method = self.path.rsplit("/", 1)[-1]
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                status, answer = fake.answer(method, body)
                self._reply(status, json.dumps(answer).encode(), "application/json")

            def do_GET(self):
                fake.downloads.append(self.path)
                self._reply(200, FILE_BYTES, "application/octet-stream")

            def _reply(self, status, data, content_type):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):  # keep test output quiet
                pass

        return Handler
