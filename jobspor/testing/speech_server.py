"""A real HTTP server in a thread that answers as a self-hosted whisper server does (the OpenAI transcription API).

    with SpeechServer(text="Borgeren møder fast om mandagen.") as server:
        settings.JOBSPOR_SPEECH_URL = server.url
        ...
        server.requests  # what it received: the multipart fields, the file's bytes, the headers

`answer` picks what it does: "text" (200 with {"text": ...}), "error" (500), "not_json" (200 with HTML),
"slow" (waits `delay` seconds before answering).
"""

import json
import socket
import threading
import time
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PATH = "/v1/audio/transcriptions"


def parse_multipart(content_type: str, body: bytes) -> dict:
    """{name: (filename, content_type, bytes-or-str)} of a multipart/form-data body."""
    message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + body)
    fields = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        filename = part.get_filename()
        fields[name] = (filename, part.get_content_type(), payload if filename else payload.decode())
    return fields


class SpeechServer:
    def __init__(self, *, text="Borgeren har fået fast arbejde.", answer="text", delay=0.0):
        self.text, self.answer, self.delay = text, answer, delay
        self.requests = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet in the test output
                pass

            def _send(self, status, body: bytes, content_type="application/json"):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path != PATH:
                    return self._send(404, b'{"detail": "Not Found"}')
                server.requests.append({"headers": dict(self.headers),
                                        "fields": parse_multipart(self.headers["Content-Type"], body)})
                if server.answer == "slow":
                    time.sleep(server.delay)
                if server.answer == "error":
                    return self._send(500, b'{"detail": "model crashed"}')
                if server.answer == "not_json":
                    return self._send(200, b"<html>proxy error</html>", "text/html")
                return self._send(200, json.dumps({"text": server.text}).encode())

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._httpd.shutdown()
        self._httpd.server_close()


def unreachable_url() -> str:
    """The address of a port nobody listens on (a speech server that is down): connecting is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"
