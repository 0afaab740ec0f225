#!/usr/bin/env python3
"""A small HTTP server for the downloader tests, on 127.0.0.1 and a free port.

usage: http_test_server.py ROOT PORT_FILE REQUEST_LOG
  GET /files/NAME  serves ROOT/NAME, honouring "Range: bytes=N-" with 206 Partial Content
  GET /cut/NAME    promises the whole file (Content-Length) but sends half and closes
The chosen port is written to PORT_FILE; each request line and its Range header are appended
to REQUEST_LOG.
"""
import http.server
import os
import sys
import threading

ROOT, PORT_FILE, REQUEST_LOG = sys.argv[1], sys.argv[2], sys.argv[3]
LOG_LOCK = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        with LOG_LOCK, open(REQUEST_LOG, "a") as log:
            log.write("%s range=%s\n" % (self.path, self.headers.get("Range", "-")))
        mode, _, name = self.path.lstrip("/").partition("/")
        path = os.path.join(ROOT, os.path.basename(name))
        if mode not in ("files", "cut") or not os.path.isfile(path):
            self.send_error(404)
            return
        data = open(path, "rb").read()
        if mode == "cut":
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        start = 0
        header = self.headers.get("Range")
        if header and header.startswith("bytes=") and header.endswith("-"):
            start = int(header[len("bytes="):-1])
            if start >= len(data):
                self.send_response(416)
                self.send_header("Content-Range", "bytes */%d" % len(data))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(206)
            self.send_header("Content-Range", "bytes %d-%d/%d" % (start, len(data) - 1, len(data)))
        else:
            self.send_response(200)
        self.send_header("Content-Length", str(len(data) - start))
        self.end_headers()
        self.wfile.write(data[start:])


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(PORT_FILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(PORT_FILE + ".tmp", PORT_FILE)
server.serve_forever()
