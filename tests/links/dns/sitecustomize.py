"""Installs the tests' resolver in a child process when KBCHECK_TEST_DNS is set."""

import json
import os
import socket
import sys

if "KBCHECK_TEST_DNS" in os.environ:
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from fake_dns import FakeDNS

    socket.getaddrinfo = FakeDNS(json.loads(os.environ["KBCHECK_TEST_DNS"]))
