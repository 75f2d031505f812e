#!/usr/bin/env python3
"""renault-api and its credential file (docs/cli.md, "The credential file"): a failed login keeps
the stored login, processes writing at the same time lose nothing, a FIFO at the path is refused
at once, a symbolic link is kept, a file others may write gives a warning, a key given twice is an
error. Each run of the CLI has a timeout: a hang fails the test instead of blocking it."""

import http.server
import json
import os
import stat
import subprocess
import sys
import threading
import unittest

import cli_support as support
from cli_support import PASSWORD, TOKEN, USER, ZOE

CLI = None
MOCK = None
TIMEOUT = 30  # seconds for one run of the CLI; each returns in well under a second here


class Mocked(unittest.TestCase):
    """A temporary HOME logged in (account and VIN stored) against a renault-mock of its own."""

    def setUp(self):
        self.home = support.Home(CLI, lambda: self.server)
        self.addCleanup(self.home.cleanup)
        process, url, _ = support.launch_mock(MOCK, self.home.path)
        self.addCleanup(support.stop, process)
        self.url = url
        self.server = ["--gigya-url", url, "--kamereon-url", url]
        self.ok("--locale", "fr_FR", "login", "--user", USER, "--password", PASSWORD)
        self.ok("set", "--account", "account-id-1", "--vin", ZOE)

    def run_cli(self, *args, server=True, env=None):
        try:
            return self.home.run(*args, server=server, env=env)
        except subprocess.TimeoutExpired:
            self.fail(f"renault-api {' '.join(args)} did not return within the timeout")

    def ok(self, *args, **kwargs):
        result = self.run_cli(*args, **kwargs)
        self.assertEqual(result.returncode, 0, result.stderr)
        return result


class HtmlServer:
    """A server on 127.0.0.1 answering every request with a 503 HTML maintenance page."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def answer(self):
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            body = b"<html><body><h1>Maintenance</h1><p>Back soon.</p></body></html>"
            self.send_response(503)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = answer

        def log_message(self, *args):
            pass

    def __init__(self):
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self.Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class FailedLogin(Mocked):
    def assert_login_fails_and_keeps_the_file(self, *server_args, env=None):
        before = self.home.credentials.read_bytes()
        self.assertIn(TOKEN.encode(), before)
        result = self.run_cli(*server_args, "login", "--user", USER, "--password", "wrong-password",
                              server=not server_args, env=env)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertTrue(result.stderr.startswith("Error: "), result.stderr)
        self.assertNotIn("wrong-password", result.stderr)
        self.assertEqual(self.home.credentials.read_bytes(), before)
        # Still logged in: the next command asks nothing (standard input is empty) and works.
        result = self.ok("--json", "accounts")
        self.assertIn("account-id-1", result.stdout)

    def test_a_wrong_password_keeps_the_stored_login(self):
        self.assert_login_fails_and_keeps_the_file()

    def test_a_failed_login_with_another_locale_keeps_the_stored_locale(self):
        self.assert_login_fails_and_keeps_the_file("--locale", "de_DE", *self.server)

    def test_a_login_with_another_locale_stores_it_once_it_succeeded(self):
        self.ok("--locale", "de_DE", "login", "--user", USER, "--password", PASSWORD)
        stored = self.home.stored()
        self.assertEqual((stored["locale"], stored["country"], stored["gigya_login_token"]), ("de_DE", "DE", TOKEN))

    def test_an_unreachable_server_keeps_the_stored_login(self):
        self.assert_login_fails_and_keeps_the_file("--kamereon-url", self.url,
                                                   env={"RENAULT_GIGYA_URL": "http://127.0.0.1:1"})

    def test_an_html_maintenance_page_keeps_the_stored_login(self):
        page = HtmlServer()
        self.addCleanup(page.close)
        self.assert_login_fails_and_keeps_the_file("--gigya-url", page.url, "--kamereon-url", self.url)


class ConcurrentWriters(Mocked):
    def test_twenty_processes_at_once_lose_no_key(self):
        """`login`, `set --account`, `set --vin` and `set --locale` run 5 times each, all at once,
        starting from a file without those keys: every key is there at the end."""
        for attempt in range(3):
            self.home.credentials.write_text(json.dumps({"country": "FR"}))
            commands = []
            for _ in range(5):
                commands += [["--locale", "fr_FR", "login", "--user", USER, "--password", PASSWORD],
                             ["set", "--account", "account-id-1"],
                             ["set", "--vin", ZOE],
                             ["set", "--locale", "fr_FR"]]
            env = {"PATH": os.environ.get("PATH", ""), "HOME": str(self.home.path), "TZ": "UTC"}
            processes = [subprocess.Popen([CLI, *self.server, *args], stdin=subprocess.DEVNULL,
                                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                          cwd=self.home.path, env=env)
                         for args in commands]
            for process, args in zip(processes, commands):
                try:
                    _, err = process.communicate(timeout=TIMEOUT)
                except subprocess.TimeoutExpired:
                    for p in processes:
                        p.kill()
                    self.fail(f"{args} did not return within the timeout")
                self.assertEqual(process.returncode, 0, (args, err))
            stored = self.home.stored()
            for key, value in [("country", "FR"), ("gigya_login_token", TOKEN), ("accound-id", "account-id-1"),
                               ("vin", ZOE), ("locale", "fr_FR")]:
                self.assertEqual(stored.get(key), value, f"attempt {attempt}: {key} lost: {stored}")
            self.assertEqual(stat.S_IMODE(self.home.credentials.stat().st_mode), 0o600)
            leftovers = [p.name for p in self.home.credentials.parent.iterdir() if ".tmp-" in p.name]
            self.assertEqual(leftovers, [])


class OddFiles(Mocked):
    def error_line(self, result):
        self.assertNotEqual(result.returncode, 0, result.stdout)
        lines = result.stderr.splitlines()
        self.assertTrue(lines, result.stderr)
        return lines[-1]

    def test_a_fifo_at_the_path_is_refused_at_once(self):
        path = self.home.credentials
        path.unlink()
        os.mkfifo(path)
        expected = f"Error: cannot read the credential file {path}: not a regular file"
        for args in (["status"], ["login", "--user", USER, "--password", PASSWORD], ["settings"],
                     ["set", "--vin", ZOE]):
            with self.subTest(args=args):
                result = self.run_cli(*args)
                self.assertEqual(result.returncode, 1, result.stderr)
                self.assertEqual(self.error_line(result), expected)
        self.assertTrue(stat.S_ISFIFO(os.lstat(path).st_mode))

    def test_a_directory_at_the_path_is_refused(self):
        path = self.home.credentials
        path.unlink()
        path.mkdir()
        result = self.run_cli("status")
        self.assertEqual(self.error_line(result),
                         f"Error: cannot read the credential file {path}: not a regular file")

    def test_a_symbolic_link_is_kept_and_its_target_written(self):
        path = self.home.credentials
        target = self.home.path / "dotfiles" / "renault.json"
        target.parent.mkdir()
        path.rename(target)
        path.symlink_to("../dotfiles/renault.json")
        self.ok("set", "--vin", "VF1AAAAA555777000")
        self.assertTrue(path.is_symlink())
        self.assertEqual(os.readlink(path), "../dotfiles/renault.json")
        stored = json.loads(target.read_text())
        self.assertEqual(stored["vin"], "VF1AAAAA555777000")
        self.assertEqual(stored["gigya_login_token"], TOKEN)
        self.assertEqual(stat.S_IMODE(target.stat().st_mode), 0o600)
        self.ok("--json", "accounts")  # still logged in through the link

    def test_a_file_others_may_write_gives_a_warning_on_stderr(self):
        path = self.home.credentials
        os.chmod(path, 0o666)
        result = self.ok("settings")
        warning = (f"Warning: the credential file {path} is writable by its group or others (mode 0666); "
                   "it holds your login: run chmod 600 on it")
        self.assertEqual(result.stderr.splitlines(), [warning])
        self.assertNotIn(TOKEN, result.stderr)
        os.chmod(path, 0o644)
        self.assertEqual(self.ok("settings").stderr, "")

    def test_a_key_given_twice_is_an_error_naming_the_key(self):
        path = self.home.credentials
        text = path.read_text()
        doubled = text[:-1] + f', "gigya_login_token": "other-secret-token"}}'
        path.write_text(doubled)
        result = self.run_cli("settings")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(self.error_line(result),
                         f'Error: the credential file {path} is corrupt: "gigya_login_token" appears more than once '
                         "(which value holds is unknown)")
        self.assertNotIn(TOKEN, result.stderr)
        self.assertNotIn("other-secret-token", result.stderr)
        result = self.run_cli("set", "--vin", ZOE)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(path.read_text(), doubled)  # never overwritten


def main():
    global CLI, MOCK
    CLI, MOCK, rest = support.programs()
    sys.exit(support.run_tests(rest))


if __name__ == "__main__":
    main()
