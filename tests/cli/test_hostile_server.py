#!/usr/bin/env python3
"""renault-api against a hostile server: a scripted proxy on loopback in front of renault-mock
passes the login and the vehicle list through, and misbehaves on the requests a test chooses:
it stalls at each stage of an exchange, sends endless or dripping bodies, lies in its headers,
redirects, answers huge or deeply nested JSON, and echoes the secrets it was sent. Each case checks
the error the user sees, and bounds the time the command takes and the memory it uses."""

import json
import os
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
import unittest
import http.client
from urllib.parse import urlsplit

import cli_support as support
from cli_support import PASSWORD, USER, ZOE

CLI = None
MOCK = None

MEMORY_CAP = 1024 * 1024 * 1024  # address space of the CLI: an unbounded buffer fails fast
RSS_BOUND_KB = 96 * 1024         # the largest resident size any case may reach (8 MiB bodies at most)
DEADLINE = 3                     # --timeout of the commands that meet a stalling server, in seconds
TIME_BOUND = DEADLINE + 4        # what such a command may take, start-up and the last request included


def cap_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


class HostileProxy:
    """HTTP/1.1 on 127.0.0.1, one thread per connection. `behaviour(method, path)` returns None to
    forward the request to the mock, or a function `f(sock, request)` that answers in its own way.
    `seen` lists (method, path) of every request read; `release` ends every stall."""

    def __init__(self, upstream):
        self.upstream = urlsplit(upstream)
        self.behaviour = lambda method, path: None
        self.seen = []
        self.secrets = []  # what echo_secrets repeated
        self.release = threading.Event()
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        threading.Thread(target=self.accept_loop, daemon=True).start()

    def close(self):
        self.release.set()
        self.listener.close()

    def accept_loop(self):
        while True:
            try:
                sock, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self.serve, args=(sock,), daemon=True).start()

    @staticmethod
    def read_request(sock, buffer):
        while b"\r\n\r\n" not in buffer:
            data = sock.recv(65536)
            if not data:
                return None, b""
            buffer += data
        head, rest = buffer.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        method, path, _ = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        while len(rest) < length:
            data = sock.recv(65536)
            if not data:
                return None, b""
            rest += data
        return {"method": method, "path": path, "headers": headers, "body": rest[:length]}, rest[length:]

    def serve(self, sock):
        buffer = b""
        try:
            with sock:
                while True:
                    request, buffer = self.read_request(sock, buffer)
                    if request is None:
                        return
                    self.seen.append((request["method"], request["path"]))
                    special = self.behaviour(request["method"], request["path"])
                    if special is not None:
                        special(self, sock, request)
                        return
                    sock.sendall(self.forward(request))
        except OSError:
            return

    def forward(self, request):
        connection = http.client.HTTPConnection(self.upstream.hostname, self.upstream.port, timeout=30)
        headers = {k: v for k, v in request["headers"].items() if k not in ("host", "connection", "content-length")}
        connection.request(request["method"], request["path"], body=request["body"], headers=headers)
        answer = connection.getresponse()
        body = answer.read()
        connection.close()
        head = f"HTTP/1.1 {answer.status} {answer.reason}\r\n"
        for name, value in answer.getheaders():
            if name.lower() not in ("content-length", "transfer-encoding", "connection"):
                head += f"{name}: {value}\r\n"
        head += f"Content-Length: {len(body)}\r\n\r\n"
        return head.encode("latin-1") + body


# --- what the proxy can do instead of forwarding -----------------------------------------------

def stall_silent(proxy, sock, request):
    """Reads the request, answers nothing."""
    proxy.release.wait(60)


def stall_in_status_line(proxy, sock, request):
    sock.sendall(b"HTTP/1.1 20")
    proxy.release.wait(60)


def stall_after_headers(proxy, sock, request):
    sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n")
    proxy.release.wait(60)


def drip_body(proxy, sock, request):
    """A byte every 200 ms of a body announced as 1 MB: each read is quick, the whole is endless."""
    sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{")
    while not proxy.release.wait(0.2):
        sock.sendall(b" ")


def endless_chunks(proxy, sock, request):
    """A chunked body that never ends, as fast as the client reads."""
    sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n[\r\n")
    chunk = b"1000\r\n" + b"1," * 2048 + b"\r\n"
    while not proxy.release.is_set():
        sock.sendall(chunk)


def raw(text):
    def answer(proxy, sock, request):
        sock.sendall(text)
    return answer


def json_answer(body, status=200):
    def answer(proxy, sock, request):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        sock.sendall(f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n"
                     .encode() + data)
    return answer


def echo_secrets(proxy, sock, request):
    """A Kamereon error whose message repeats the JWT, the API key and the whole request."""
    jwt = request["headers"].get("x-gigya-id_token", "")
    proxy.secrets.append(jwt)
    message = f"token {jwt} refused; login_token=sample-cookie-value; request was {request!r}"
    body = {"type": "FUNCTIONAL", "errors": [{"errorCode": "err.func.wired.forbidden", "errorMessage": message}]}
    json_answer(body, 403)(proxy, sock, request)


def drop(proxy, sock, request):
    """Reads the request, then closes the connection without a byte."""
    sock.shutdown(socket.SHUT_RDWR)


def is_vehicle_data(method, path):
    return method == "GET" and "/kca/car-adapter/" in path


class Hostile(unittest.TestCase):
    def setUp(self):
        self.home = support.Home(CLI, lambda: ["--gigya-url", self.proxy.url, "--kamereon-url", self.proxy.url])
        self.addCleanup(self.home.cleanup)
        process, url, _ = support.launch_mock(MOCK, self.home.path)
        self.addCleanup(support.stop, process)
        self.proxy = HostileProxy(url)
        self.addCleanup(self.proxy.close)
        result = self.home.run("--locale", "fr_FR", "login", "--user", USER, "--password", PASSWORD)
        self.assertEqual(result.returncode, 0, result.stderr)
        result = self.home.run("set", "--account", "account-id-1", "--vin", ZOE)
        self.assertEqual(result.returncode, 0, result.stderr)

    def run_bounded(self, *args, env=None, time_bound=TIME_BOUND, kamereon=None):
        """Runs the CLI with the memory cap; returns (exit status, stdout, stderr, seconds, max RSS in KiB)."""
        full_env = {"PATH": os.environ.get("PATH", ""), "HOME": str(self.home.path), "TZ": "UTC"}
        full_env.update(env or {})
        out_path, err_path = self.home.path / "out.txt", self.home.path / "err.txt"
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            start = time.monotonic()
            process = subprocess.Popen([CLI, "--gigya-url", self.proxy.url, "--kamereon-url", kamereon or self.proxy.url,
                                        *args],
                                       stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=self.home.path,
                                       env=full_env, preexec_fn=cap_memory)
            killer = threading.Timer(time_bound + 30, process.kill)
            killer.start()
            _, status, usage = os.wait4(process.pid, 0)
            killer.cancel()
            seconds = time.monotonic() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        stdout, stderr = out_path.read_text(errors="replace"), err_path.read_text(errors="replace")
        self.assertLess(seconds, time_bound, f"took {seconds:.1f} s: {stderr[:500]}")
        self.assertLess(usage.ru_maxrss, RSS_BOUND_KB, f"max RSS {usage.ru_maxrss} KiB")
        self.assertGreaterEqual(process.returncode, 0, f"killed by signal {-process.returncode}: {stderr[:500]}")
        return process.returncode, stdout, stderr, seconds

    # --- stalls at each stage ----------------------------------------------------------------

    def check_status_times_out(self, behaviour, *extra, env=None):
        self.proxy.behaviour = lambda method, path: behaviour if is_vehicle_data(method, path) else None
        args = ["--timeout", str(DEADLINE)] if env is None else []
        code, out, err, _ = self.run_bounded(*args, *extra, "status", env=env)
        self.assertEqual(code, 1, err)
        self.assertEqual(out, "")
        self.assertIn("timed out", err)
        self.assertIn("Error: no section of the status could be read", err)
        # The first section used the time, and later ones were not even sent.
        self.assertEqual(sum(1 for m, p in self.proxy.seen if is_vehicle_data(m, p)), 1, self.proxy.seen)

    def test_server_reads_the_request_and_never_answers(self):
        self.check_status_times_out(stall_silent)

    def test_server_stops_inside_the_status_line(self):
        self.check_status_times_out(stall_in_status_line)

    def test_server_sends_headers_then_stalls(self):
        # The case that took 366 s before the deadlines: 3 attempts of 30 s for each section.
        self.check_status_times_out(stall_after_headers)

    def test_deadline_from_the_environment(self):
        self.check_status_times_out(stall_after_headers, env={"RENAULT_TIMEOUT": str(DEADLINE)})

    def test_body_dripping_a_byte_at_a_time(self):
        self.check_status_times_out(drip_body)

    def test_login_against_a_stalling_gigya(self):
        self.proxy.behaviour = lambda method, path: stall_silent if path.startswith("/accounts.") else None
        code, _, err, _ = self.run_bounded("--timeout", str(DEADLINE), "--locale", "fr_FR", "login",
                                           "--user", USER, "--password", PASSWORD)
        self.assertEqual(code, 1, err)
        self.assertIn("timed out", err)
        self.assertNotIn(PASSWORD, err)
        self.assertEqual(self.home.stored()["gigya_login_token"], support.TOKEN)  # the stored login kept

    def test_tls_handshake_that_never_ends(self):
        silent = socket.socket()
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        self.addCleanup(silent.close)
        url = f"https://127.0.0.1:{silent.getsockname()[1]}"
        code, _, err, _ = self.run_bounded("--timeout", str(DEADLINE), "status", kamereon=url)
        self.assertEqual(code, 1, err)
        self.assertIn("timed out", err)

    # --- bodies without end, lies in headers ------------------------------------------------

    def test_endless_chunked_body_is_cut_at_the_limit(self):
        self.proxy.behaviour = lambda method, path: endless_chunks if "battery-status" in path else None
        code, out, err, _ = self.run_bounded("--timeout", "20", "status", time_bound=25)
        self.assertEqual(code, 0, err)  # the other sections were read
        self.assertIn("battery-status: ", err)
        self.assertIn("larger than allowed", err)

    def check_invalid_answer(self, answer):
        self.proxy.behaviour = lambda method, path: raw(answer) if "battery-status" in path else None
        code, out, err, _ = self.run_bounded("status")
        self.assertEqual(code, 0, err)  # the other sections were read
        self.assertIn("battery-status: ", err)
        self.assertIn("the server's answer is invalid (malformed HTTP", err)
        self.assertNotIn("connection to the server failed", err)
        # Not retried: a server that answers badly answers badly again.
        self.assertEqual(sum(1 for m, p in self.proxy.seen if "battery-status" in p), 1)

    def test_content_length_longer_than_the_body(self):
        self.check_invalid_answer(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{\"data\": {}}")

    def test_bad_status_line(self):
        self.check_invalid_answer(b"HTTP/1.1 OK 200\r\nContent-Length: 2\r\n\r\n{}")

    def test_control_character_in_a_header(self):
        self.check_invalid_answer(b"HTTP/1.1 200 OK\r\nX-Trace: a\x1b[2Jb\r\nContent-Length: 2\r\n\r\n{}")

    def test_two_different_content_lengths(self):
        self.check_invalid_answer(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}x")

    def test_redirect_is_not_followed(self):
        self.proxy.behaviour = lambda method, path: (
            raw(b"HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:1/elsewhere\r\nContent-Length: 0\r\n\r\n")
            if "battery-status" in path else None)
        code, _, err, _ = self.run_bounded("status")
        self.assertEqual(code, 0, err)
        self.assertIn("battery-status: ", err)
        self.assertIn("HTTP 302", err)
        self.assertNotIn("elsewhere", [p for _, p in self.proxy.seen])

    # --- JSON too big, too deep --------------------------------------------------------------

    def test_huge_json_within_the_limit_is_read(self):
        battery = {"data": {"type": "Car", "id": ZOE, "attributes": {"batteryLevel": 77, "padding": "x" * (7 << 20)}}}
        self.proxy.behaviour = lambda method, path: json_answer(battery) if "battery-status" in path else None
        code, out, err, _ = self.run_bounded("--json", "status")
        self.assertEqual(code, 0, err)
        self.assertEqual(json.loads(out)["battery-status"]["batteryLevel"], 77)

    def test_json_over_the_limit(self):
        body = b'{"data": {"attributes": {"padding": "' + b"x" * (9 << 20) + b'"}}}'
        self.proxy.behaviour = lambda method, path: json_answer(body) if "battery-status" in path else None
        code, _, err, _ = self.run_bounded("status")
        self.assertEqual(code, 0, err)
        self.assertIn("battery-status: ", err)
        self.assertIn("larger than allowed", err)

    def test_deeply_nested_json(self):
        body = b'{"data": {"attributes": {"batteryLevel": ' + b"[" * 200_000 + b"]" * 200_000 + b"}}}"
        self.proxy.behaviour = lambda method, path: json_answer(body) if "battery-status" in path else None
        code, _, err, _ = self.run_bounded("status")
        self.assertEqual(code, 0, err)
        self.assertIn("battery-status: ", err)
        self.assertIn("the server's answer is invalid", err)

    # --- what the server says reaches the user safely ------------------------------------------

    def test_html_page_with_escape_sequences(self):
        page = b"<html><title>\x1b]0;owned\x07\x1b[2J502</title><body>Bad gateway</body></html>"
        answer = b"HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(page) + page
        self.proxy.behaviour = lambda method, path: raw(answer) if "battery-status" in path else None
        code, _, err, _ = self.run_bounded("status")
        self.assertEqual(code, 0, err)
        self.assertIn("battery-status: ", err)
        self.assertIn("HTTP 502", err)
        self.assertIn("502 Bad gateway", err)
        self.assertNotIn("\x1b", err)
        self.assertNotIn("\x07", err)

    def test_echoed_secrets_are_masked(self):
        self.proxy.behaviour = lambda method, path: echo_secrets if "battery-status" in path else None
        code, out, err, _ = self.run_bounded("status")
        self.assertEqual(code, 0, err)
        self.assertIn("err.func.wired.forbidden", err)
        self.assertIn("<redacted>", err)
        self.assertEqual(len(self.proxy.secrets), 1)
        self.assertTrue(self.proxy.secrets[0].startswith("eyJ"), self.proxy.secrets[0][:10])
        for secret in [support.TOKEN, self.proxy.secrets[0][:40], "eyJ"]:
            self.assertNotIn(secret, err + out)

    # --- an action whose answer never came ---------------------------------------------------

    def test_action_dropped_after_sending_says_the_car_may_have_acted(self):
        self.proxy.behaviour = lambda method, path: drop if method == "POST" and "/actions/" in path else None
        code, _, err, _ = self.run_bounded("charge", "start")
        self.assertEqual(code, 1, err)
        self.assertIn("the car may have acted", err)
        actions = [p for m, p in self.proxy.seen if m == "POST" and "/actions/" in p]
        self.assertEqual(len(actions), 1, "an action is never retried")


def main():
    global CLI, MOCK
    CLI, MOCK, rest = support.programs()
    sys.exit(support.run_tests(rest))


if __name__ == "__main__":
    main()
