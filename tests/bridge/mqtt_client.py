"""A tiny MQTT 3.1.1 client for the bridge tests (no PyPI): connect (optionally over TLS, with a
user and password), subscribe, publish at QoS 0,
and a thread that collects every message received (retained ones included) with a timeout on
every wait."""

import socket
import ssl
import struct
import threading
import time


def _encode_length(n):
    out = bytearray()
    while True:
        byte = n % 128
        n //= 128
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _string(s):
    data = s.encode()
    return struct.pack("!H", len(data)) + data


class Client:
    def __init__(self, port, client_id="test-subscriber", host="127.0.0.1", timeout=10, ca_file=None, user=None,
                 password=None):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        if ca_file:  # TLS, the broker's certificate checked against ca_file
            self.sock = ssl.create_default_context(cafile=ca_file).wrap_socket(self.sock, server_hostname=host)
        self.lock = threading.Condition()
        self.messages = []  # (topic, payload text, retained) in arrival order
        self.closed = False
        flags = 0x02 | (0x80 if user else 0) | (0x40 if password else 0)
        payload = _string("MQTT") + bytes([4, flags]) + struct.pack("!H", 60) + _string(client_id)
        if user:
            payload += _string(user)
        if password:
            payload += _string(password)
        self._send(0x10, payload)
        kind, body = self._read_packet()
        if kind != 0x20 or body[1] != 0:
            raise RuntimeError(f"MQTT connection refused: {body!r}")
        self.sock.settimeout(None)
        self.next_id = 1
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _send(self, header, payload):
        self.sock.sendall(bytes([header]) + _encode_length(len(payload)) + payload)

    def _read_exact(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise ConnectionError("closed")
            data += chunk
        return data

    def _read_packet(self):
        header = self._read_exact(1)[0]
        length, shift = 0, 0
        while True:
            byte = self._read_exact(1)[0]
            length += (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        return header & 0xF0, (header, self._read_exact(length)) if header & 0xF0 == 0x30 else self._read_exact(length)

    def _run(self):
        try:
            while True:
                kind, body = self._read_packet()
                if kind == 0x30:
                    header, data = body
                    qos = (header >> 1) & 3
                    n = struct.unpack("!H", data[:2])[0]
                    topic = data[2:2 + n].decode()
                    rest = data[2 + n:]
                    if qos:
                        packet_id = rest[:2]
                        rest = rest[2:]
                        self._send(0x40, packet_id)  # PUBACK
                    with self.lock:
                        self.messages.append((topic, rest.decode(errors="replace"), bool(header & 1)))
                        self.lock.notify_all()
        except (ConnectionError, OSError):
            with self.lock:
                self.closed = True
                self.lock.notify_all()

    def subscribe(self, pattern, qos=1):
        packet_id = self.next_id
        self.next_id += 1
        self._send(0x82, struct.pack("!H", packet_id) + _string(pattern) + bytes([qos]))

    def publish(self, topic, payload, retain=False):
        self._send(0x30 | (1 if retain else 0), _string(topic) + payload.encode())

    def wait_for(self, predicate, timeout=20):
        """The first message (topic, payload, retained) for which predicate holds, waiting up to
        `timeout` seconds; None when none came."""
        deadline = time.monotonic() + timeout
        with self.lock:
            seen = 0
            while True:
                for message in self.messages[seen:]:
                    if predicate(*message):
                        return message
                seen = len(self.messages)
                left = deadline - time.monotonic()
                if left <= 0 or self.closed:
                    return None
                self.lock.wait(left)

    def latest(self, topic):
        """The last payload received on `topic`, or None."""
        with self.lock:
            for t, payload, _ in reversed(self.messages):
                if t == topic:
                    return payload
        return None

    def count(self, predicate):
        with self.lock:
            return sum(1 for m in self.messages if predicate(*m))

    def close(self):
        try:
            self._send(0xE0, b"")
            self.sock.close()
        except OSError:
            pass
