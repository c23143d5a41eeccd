#!/usr/bin/env python3
"""A pileup-protocol client written only from the protocol document.

This script is an independent check that a client written from the
"WebSocket Server Implementation Documentation" (seed 000) alone works
against the server unchanged.  Where that document contradicts itself we
follow the project's clarifications (DESIGN.md section 2.1):

  * events carry their name in both ``event`` and ``event_type``;
  * every request or auth message gets exactly one reply with its ``id``;
  * a failed reply carries ``success: false``, a human ``error`` text and a
    machine ``error_code``; a ``type: "error"`` message also carries
    ``error_code`` and ``error_message``.

It doubles as an example for integrators: the ``Connection`` class below is
a small but complete client (request/reply matching by id, events arriving
interleaved with replies, ping/pong, timeouts).

Usage:
    /usr/bin/python3 tests/clients/seed_client.py ws://127.0.0.1:8000/ws/connect ADMIN_USERNAME ADMIN_PASSWORD

Each check prints ``ok - <what>`` or ``not ok - <what>: <detail>``; the last
line is ``N passed, M failed``.  The exit status is 0 only if all passed.

Needs the ``websockets`` library (written against the 10.x asyncio API).
"""

import asyncio
import datetime
import json
import sys
import uuid

import websockets

REPLY_TIMEOUT = 5.0  # seconds to wait for the reply to a request
EVENT_TIMEOUT = 3.0  # seconds to wait for an event after a state change
OVERALL_TIMEOUT = 120.0  # the whole session must finish within this

# The 20 operations of the document's Operation Reference.
DOCUMENTED_OPERATIONS = [
    "public.get_status",
    "public.get_frequency",
    "public.get_split",
    "queue.register",
    "queue.list",
    "queue.get_status",
    "admin.get_queue",
    "admin.clear_queue",
    "admin.remove_callsign",
    "admin.next_qso",
    "admin.complete_qso",
    "admin.set_frequency",
    "admin.delete_frequency",
    "admin.set_split",
    "admin.delete_split",
    "admin.set_system_status",
    "admin.get_system_status",
    "system.ping",
    "system.heartbeat",
    "system.info",
]


def now_iso():
    return datetime.datetime.now(datetime.timezone.utc).isoformat()


def event_name(message):
    """The document shows both ``event`` and ``event_type``; accept either."""
    return message.get("event") or message.get("event_type")


def short(value, limit=300):
    text = json.dumps(value, sort_keys=True, default=str)
    return text if len(text) <= limit else text[:limit] + "..."


# --------------------------------------------------------------------------
# Test bookkeeping
# --------------------------------------------------------------------------

class Results:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, condition, what, detail=""):
        if condition:
            self.passed += 1
            print(f"ok - {what}", flush=True)
        else:
            self.failed += 1
            print(f"not ok - {what}: {detail}", flush=True)
        return bool(condition)


# --------------------------------------------------------------------------
# A small client for the pileup protocol
# --------------------------------------------------------------------------

class Timeout(Exception):
    pass


class Connection:
    """One WebSocket connection to the pileup server.

    A background task reads every incoming message and sorts it:
      * ``event`` messages go to ``self.events`` (in arrival order);
      * messages whose ``id`` matches a request we sent resolve that request;
      * a server ``ping`` is answered with a ``pong`` carrying the same id;
      * anything else is kept in ``self.unmatched`` for inspection.
    """

    def __init__(self, name, ws):
        self.name = name
        self.ws = ws
        self.events = []
        self.unmatched = []
        self.duplicates = []
        self._pending = {}  # id -> Future
        self._answered = set()
        self._new_event = asyncio.Condition()
        self._reader = asyncio.ensure_future(self._read_loop())

    @classmethod
    async def open(cls, name, url):
        ws = await websockets.connect(url, open_timeout=REPLY_TIMEOUT)
        return cls(name, ws)

    async def close(self):
        self._reader.cancel()
        try:
            await asyncio.wait_for(self.ws.close(), REPLY_TIMEOUT)
        except Exception:
            pass

    async def _read_loop(self):
        try:
            async for raw in self.ws:
                try:
                    message = json.loads(raw)
                except ValueError:
                    self.unmatched.append({"unparseable": raw})
                    continue
                if not isinstance(message, dict):
                    self.unmatched.append(message)
                    continue
                await self._dispatch(message)
        except websockets.ConnectionClosed:
            pass
        finally:
            for future in self._pending.values():
                if not future.done():
                    future.set_exception(ConnectionError(f"{self.name}: connection closed"))

    async def _dispatch(self, message):
        kind = message.get("type")
        msg_id = message.get("id")
        if kind == "event":
            async with self._new_event:
                self.events.append(message)
                self._new_event.notify_all()
        elif msg_id is not None and msg_id in self._pending:
            future = self._pending.pop(msg_id)
            self._answered.add(msg_id)
            if not future.done():
                future.set_result(message)
        elif msg_id is not None and msg_id in self._answered:
            self.duplicates.append(message)
        elif kind == "ping":
            await self.ws.send(json.dumps({"type": "pong", "id": msg_id, "timestamp": now_iso()}))
        else:
            self.unmatched.append(message)

    async def send_raw(self, message, expect_reply=True):
        """Send one message (dict, or str sent verbatim) and await its reply."""
        future = None
        if expect_reply:
            msg_id = message["id"]
            future = asyncio.get_running_loop().create_future()
            self._pending[msg_id] = future
        await self.ws.send(message if isinstance(message, str) else json.dumps(message))
        if future is None:
            return None
        try:
            return await asyncio.wait_for(future, REPLY_TIMEOUT)
        except asyncio.TimeoutError:
            self._pending.pop(message["id"], None)
            raise Timeout(f"no reply with id {message['id']} within {REPLY_TIMEOUT}s")

    async def request(self, operation, data=None):
        """Send a ``request`` message and return the whole reply message."""
        return await self.send_raw({
            "type": "request",
            "id": str(uuid.uuid4()),
            "operation": operation,
            "data": data if data is not None else {},
            "timestamp": now_iso(),
        })

    async def authenticate(self, username, password):
        return await self.send_raw({
            "type": "auth",
            "id": str(uuid.uuid4()),
            "data": {"username": username, "password": password},
            "timestamp": now_iso(),
        })

    async def ping(self):
        return await self.send_raw({"type": "ping", "id": str(uuid.uuid4()), "timestamp": now_iso()})

    def mark(self):
        """A position in the event stream; wait_event looks only after it."""
        return len(self.events)

    async def wait_event(self, name, since, predicate=None, timeout=EVENT_TIMEOUT):
        """Wait for an event called ``name`` received after ``since``."""
        def find():
            for message in self.events[since:]:
                if event_name(message) == name and (predicate is None or predicate(message.get("data"))):
                    return message
            return None

        async def wait():
            async with self._new_event:
                while True:
                    found = find()
                    if found is not None:
                        return found
                    await self._new_event.wait()

        try:
            return await asyncio.wait_for(wait(), timeout)
        except asyncio.TimeoutError:
            seen = [event_name(m) for m in self.events[since:]]
            raise Timeout(f"no '{name}' event within {timeout}s (events seen since: {seen})")


# --------------------------------------------------------------------------
# Helpers for checking replies
# --------------------------------------------------------------------------

def ok_reply(reply, operation):
    """True if ``reply`` is a successful response to ``operation``."""
    return (
        isinstance(reply, dict)
        and reply.get("type") == "response"
        and reply.get("success") is True
        and reply.get("operation") in (operation, None)
        and isinstance(reply.get("data"), dict)
    )


def is_failure(reply):
    """DESIGN 2.1: a failed reply carries success false, error and error_code."""
    return (
        isinstance(reply, dict)
        and reply.get("type") in ("response", "error")
        and reply.get("success") is False
        and isinstance(reply.get("error") or reply.get("error_message"), str)
        and isinstance(reply.get("error_code"), str)
    )


def has_fields(data, spec):
    """Check ``data`` has each field of ``spec`` ({name: type or tuple of types})."""
    problems = []
    for field, kind in spec.items():
        if field not in data:
            problems.append(f"missing {field}")
        elif kind is not None and not isinstance(data[field], kind):
            problems.append(f"{field} is {type(data[field]).__name__}")
        # bool is a subclass of int; a count must not be a bool
        elif kind is int and isinstance(data[field], bool):
            problems.append(f"{field} is bool")
    return problems


def callsigns(queue):
    return [entry.get("callsign") for entry in queue if isinstance(entry, dict)]


# --------------------------------------------------------------------------
# The session
# --------------------------------------------------------------------------

class Session:
    def __init__(self, url, username, password, results):
        self.url = url
        self.username = username
        self.password = password
        self.t = results
        self.admin = None  # authenticated connection (the operator's desktop app)
        self.watcher = None  # unauthenticated connection (a station watching the queue)

    # A request whose reply must be successful and carry the given fields.
    async def call(self, conn, operation, data=None, fields=None, what=None):
        what = what or f"{operation} succeeds"
        try:
            reply = await conn.request(operation, data)
        except (Timeout, ConnectionError) as exc:
            self.t.check(False, what, str(exc))
            return None
        if not ok_reply(reply, operation):
            self.t.check(False, what, f"reply {short(reply)}")
            return None
        problems = has_fields(reply["data"], fields or {})
        self.t.check(not problems, what, f"{'; '.join(problems)} in {short(reply['data'])}")
        return reply["data"]

    # A request that must be refused.
    async def refused(self, conn, operation, data, what, codes=None):
        try:
            reply = await conn.request(operation, data)
        except (Timeout, ConnectionError) as exc:
            self.t.check(False, what, str(exc))
            return None
        good = is_failure(reply) and (codes is None or reply.get("error_code") in codes)
        self.t.check(good, what, f"reply {short(reply)}")
        return reply

    async def expect_event(self, conn, name, since, predicate=None, what=None):
        what = what or f"{conn.name} receives {name} event"
        try:
            message = await conn.wait_event(name, since, predicate)
        except Timeout as exc:
            self.t.check(False, what, str(exc))
            return None
        self.t.check(True, what)
        return message.get("data")

    async def run(self):
        await self.connect()
        if self.admin is None or self.watcher is None:
            return
        try:
            await self.system_operations()
            await self.unauthenticated_refusals()
            if not await self.authenticate():
                return
            await self.make_clean_start()
            await self.register_while_off_air()
            await self.go_on_air()
            await self.frequency_and_split()
            await self.register_callsigns()
            await self.look_at_the_queue()
            await self.admin_refused_on_watcher()
            await self.work_the_queue()
            await self.clear_frequency_and_split()
            await self.system_status_and_clear()
            await self.go_off_air()
            await self.robustness()
            self.check_event_format()
        finally:
            for conn in (self.admin, self.watcher):
                if conn is not None:
                    await conn.close()

    # --- connecting --------------------------------------------------------

    async def connect(self):
        for role in ("admin", "watcher"):
            try:
                conn = await Connection.open(role, self.url)
            except Exception as exc:
                self.t.check(False, f"{role} connection opens to {self.url}", repr(exc))
                return
            self.t.check(True, f"{role} connection opens to {self.url}")
            # The welcome is the first message the server sends.
            welcome = await self.first_message(conn)
            self.t.check(
                welcome is not None and welcome.get("type") == "event",
                f"{role} connection is greeted with a welcome (connection established) event",
                f"first message {short(welcome)}",
            )
            setattr(self, role, conn)

    async def first_message(self, conn):
        deadline = asyncio.get_running_loop().time() + EVENT_TIMEOUT
        while asyncio.get_running_loop().time() < deadline:
            if conn.events:
                return conn.events[0]
            if conn.unmatched:
                return conn.unmatched[0]
            await asyncio.sleep(0.02)
        return None

    # --- system.* ------------------------------------------------------------

    async def system_operations(self):
        try:
            reply = await self.admin.ping()
            self.t.check(reply.get("type") == "pong", "ping message is answered with a pong carrying its id",
                         f"reply {short(reply)}")
        except Timeout as exc:
            self.t.check(False, "ping message is answered with a pong carrying its id", str(exc))

        data = await self.call(self.admin, "system.ping",
                               fields={"pong": bool, "server_time": str, "message": str},
                               what="system.ping returns pong, server_time, message")
        if data is not None:
            self.t.check(data["pong"] is True, "system.ping pong is true", short(data))

        data = await self.call(self.admin, "system.heartbeat",
                               fields={"heartbeat": bool, "server_time": str, "uptime": str},
                               what="system.heartbeat returns heartbeat, server_time, uptime")
        if data is not None:
            self.t.check(data["heartbeat"] is True, "system.heartbeat heartbeat is true", short(data))

        data = await self.call(self.admin, "system.info",
                               fields={"server": str, "version": str, "protocol_version": str,
                                       "supported_operations": list, "features": dict},
                               what="system.info returns server, version, protocol_version, "
                                    "supported_operations, features")
        if data is not None:
            names = set()
            for op in data["supported_operations"]:
                names.add(op if isinstance(op, str) else (op.get("name") if isinstance(op, dict) else None))
            missing = [op for op in DOCUMENTED_OPERATIONS if op not in names]
            self.t.check(not missing, "system.info supported_operations lists all 20 documented operations",
                         f"missing {missing}")

    # --- authentication ------------------------------------------------------

    async def unauthenticated_refusals(self):
        what = "auth with a wrong password is refused"
        try:
            reply = await self.watcher.authenticate(self.username, self.password + "-wrong")
            data = reply.get("data") if isinstance(reply.get("data"), dict) else {}
            self.t.check(is_failure(reply) and data.get("authenticated") is not True, what,
                         f"reply {short(reply)}")
        except Timeout as exc:
            self.t.check(False, what, str(exc))

        # The document's error example: an admin operation without authentication.
        reply = await self.refused(self.watcher, "admin.get_queue", {},
                                   "admin.get_queue on an unauthenticated connection is refused "
                                   "with error_code UNAUTHORIZED", codes=("UNAUTHORIZED",))
        if reply is not None:
            self.t.check(reply.get("type") == "error" and isinstance(reply.get("error_message"), str),
                         "the refusal is the document's error message (type error, error_message)",
                         f"reply {short(reply)}")

    async def authenticate(self):
        what = "auth with the admin credentials succeeds"
        try:
            reply = await self.admin.authenticate(self.username, self.password)
        except Timeout as exc:
            self.t.check(False, what, str(exc))
            return False
        data = reply.get("data") if isinstance(reply.get("data"), dict) else {}
        good = (reply.get("type") == "response" and reply.get("success") is True
                and data.get("authenticated") is True)
        self.t.check(good, what, f"reply {short(reply)}")
        if good:
            self.t.check(reply.get("operation") == "auth" and data.get("user_type") == "admin"
                         and isinstance(data.get("message"), str),
                         "auth response has operation auth, user_type admin and a message",
                         f"reply {short(reply)}")
        return good

    # --- on and off the air --------------------------------------------------

    async def make_clean_start(self):
        """Not a check: if the server is already on the air, switch it off
        (which clears the queue and current QSO) so the session starts clean."""
        try:
            reply = await self.admin.request("public.get_status")
            if ok_reply(reply, "public.get_status") and reply["data"].get("active") is True:
                print("# server was already on the air: switching it off first", flush=True)
                await self.admin.request("admin.set_system_status", {"active": False})
                await asyncio.sleep(0.2)
        except Timeout:
            pass

    async def register_while_off_air(self):
        await self.refused(self.watcher, "queue.register", {"callsign": "K1ABC"},
                           "queue.register while the system is off the air is refused")

    async def go_on_air(self):
        since = self.watcher.mark()
        data = await self.call(self.admin, "admin.set_system_status", {"active": True},
                               fields={"message": str, "active": bool},
                               what="admin.set_system_status {active: true} returns message, active")
        if data is not None:
            self.t.check(data["active"] is True, "admin.set_system_status reports active true", short(data))
        event = await self.expect_event(self.watcher, "system_status", since,
                                        what="watcher receives system_status event (on the air)")
        if event is not None:
            self.t.check(isinstance(event, dict) and event.get("active") is True,
                         "system_status event says active true", short(event))
        data = await self.call(self.watcher, "public.get_status", fields={"active": bool},
                               what="public.get_status returns active")
        if data is not None:
            self.t.check(data["active"] is True, "public.get_status says active true", short(data))

    async def go_off_air(self):
        since = self.watcher.mark()
        data = await self.call(self.admin, "admin.set_system_status", {"active": False},
                               fields={"message": str, "active": bool},
                               what="admin.set_system_status {active: false} returns message, active")
        if data is not None:
            self.t.check(data["active"] is False, "admin.set_system_status reports active false", short(data))
        event = await self.expect_event(self.watcher, "system_status", since,
                                        what="watcher receives system_status event (off the air)")
        if event is not None:
            self.t.check(isinstance(event, dict) and event.get("active") is False,
                         "system_status event says active false", short(event))
        data = await self.call(self.watcher, "public.get_status", fields={"active": bool},
                               what="public.get_status after going off the air")
        if data is not None:
            self.t.check(data["active"] is False, "public.get_status says active false", short(data))
        await self.refused(self.watcher, "queue.register", {"callsign": "K1ABC"},
                           "queue.register after going off the air is refused")

    # --- frequency and split -------------------------------------------------

    async def frequency_and_split(self):
        since = self.watcher.mark()
        data = await self.call(self.admin, "admin.set_frequency", {"frequency": "14.205"},
                               fields={"message": str, "frequency": str},
                               what="admin.set_frequency returns message, frequency")
        if data is not None:
            self.t.check(data["frequency"] == "14.205", "admin.set_frequency echoes the frequency", short(data))
        event = await self.expect_event(self.watcher, "frequency_update", since)
        if event is not None:
            self.t.check(isinstance(event, dict) and event.get("frequency") == "14.205",
                         "frequency_update event carries the new frequency", short(event))

        since = self.watcher.mark()
        data = await self.call(self.admin, "admin.set_split", {"split": "14.210"},
                               fields={"message": str, "split": str},
                               what="admin.set_split returns message, split")
        if data is not None:
            self.t.check(data["split"] == "14.210", "admin.set_split echoes the split", short(data))
        event = await self.expect_event(self.watcher, "split_update", since)
        if event is not None:
            self.t.check(isinstance(event, dict) and event.get("split") == "14.210",
                         "split_update event carries the new split", short(event))

        data = await self.call(self.watcher, "public.get_frequency",
                               fields={"frequency": (str, type(None)), "last_updated": (str, type(None))},
                               what="public.get_frequency returns frequency, last_updated")
        if data is not None:
            self.t.check(data["frequency"] == "14.205" and isinstance(data["last_updated"], str),
                         "public.get_frequency shows the frequency set", short(data))
        data = await self.call(self.watcher, "public.get_split",
                               fields={"split": (str, type(None)), "last_updated": (str, type(None))},
                               what="public.get_split returns split, last_updated")
        if data is not None:
            self.t.check(data["split"] == "14.210" and isinstance(data["last_updated"], str),
                         "public.get_split shows the split set", short(data))

    async def clear_frequency_and_split(self):
        since = self.watcher.mark()
        await self.call(self.admin, "admin.delete_split", fields={"message": str},
                        what="admin.delete_split returns message")
        await self.expect_event(self.watcher, "split_update", since,
                                what="watcher receives split_update event (split cleared)")
        data = await self.call(self.watcher, "public.get_split", fields={"split": None},
                               what="public.get_split after delete")
        if data is not None:
            self.t.check(data["split"] is None, "public.get_split is null after delete", short(data))

        since = self.watcher.mark()
        await self.call(self.admin, "admin.delete_frequency", fields={"message": str},
                        what="admin.delete_frequency returns message")
        await self.expect_event(self.watcher, "frequency_update", since,
                                what="watcher receives frequency_update event (frequency cleared)")
        data = await self.call(self.watcher, "public.get_frequency", fields={"frequency": None},
                               what="public.get_frequency after delete")
        if data is not None:
            self.t.check(data["frequency"] is None, "public.get_frequency is null after delete", short(data))

    # --- the queue -----------------------------------------------------------

    async def register_callsigns(self):
        self.calls = ["K1ABC", "KH6/W1AW", "4U1UN"]
        for count, call in enumerate(self.calls, start=1):
            since = self.watcher.mark()
            data = await self.call(self.watcher, "queue.register", {"callsign": call},
                                   fields={"message": str, "entry": dict},
                                   what=f"queue.register {call} returns message, entry")
            if data is not None:
                self.t.check(data["entry"].get("callsign") == call,
                             f"queue.register {call}: entry is for {call}", short(data))
            event = await self.expect_event(self.watcher, "queue_update", since,
                                            what=f"watcher receives queue_update event after registering {call}")
            if event is not None:
                self.t.check(isinstance(event, dict) and event.get("total") == count
                             and isinstance(event.get("queue"), list),
                             f"queue_update event after {call} has queue and total {count}", short(event))

        await self.refused(self.watcher, "queue.register", {"callsign": "K1ABC"},
                           "queue.register of a callsign already in the queue is refused")
        await self.refused(self.watcher, "queue.register", {"callsign": "NOT A CALL!"},
                           "queue.register of an invalid callsign is refused")
        await self.refused(self.watcher, "queue.register", {},
                           "queue.register without a callsign is refused")

    async def look_at_the_queue(self):
        data = await self.call(self.watcher, "queue.list",
                               fields={"queue": list, "total": int, "max_size": int, "system_active": bool},
                               what="queue.list returns queue, total, max_size, system_active")
        if data is not None:
            self.t.check(callsigns(data["queue"]) == self.calls and data["total"] == 3
                         and data["system_active"] is True,
                         "queue.list shows the three callsigns in order, total 3, system_active true",
                         short(data))

        data = await self.call(self.watcher, "queue.get_status", {"callsign": "KH6/W1AW"},
                               what="queue.get_status KH6/W1AW succeeds")
        if data is not None:
            good = data.get("callsign") == "KH6/W1AW" and data.get("position", 2) == 2
            self.t.check(good, "queue.get_status returns the queue entry of KH6/W1AW (position 2)", short(data))
        await self.refused(self.watcher, "queue.get_status", {"callsign": "N0CALL"},
                           "queue.get_status of a callsign not in the queue is an error")

        data = await self.call(self.admin, "admin.get_queue",
                               fields={"queue": list, "total": int, "admin": bool},
                               what="admin.get_queue returns queue, total, admin")
        if data is not None:
            self.t.check(data["admin"] is True and data["total"] == 3 and callsigns(data["queue"]) == self.calls,
                         "admin.get_queue shows the three callsigns, admin true", short(data))

    async def admin_refused_on_watcher(self):
        """An admin operation from the unauthenticated connection must not
        be performed: the queue is untouched afterwards."""
        await self.refused(self.watcher, "admin.clear_queue", {},
                           "admin.clear_queue on the unauthenticated connection is refused",
                           codes=("UNAUTHORIZED",))
        data = await self.call(self.watcher, "queue.list", fields={"total": int},
                               what="queue.list after the refused clear")
        if data is not None:
            self.t.check(data["total"] == 3, "the refused clear left the queue alone", short(data))

    async def work_the_queue(self):
        # Take the first station in the queue.
        since = self.watcher.mark()
        data = await self.call(self.admin, "admin.next_qso", fields={"message": str, "current_qso": None},
                               what="admin.next_qso returns message, current_qso")
        if data is not None:
            current = data["current_qso"]
            self.t.check(isinstance(current, dict) and current.get("callsign") == "K1ABC",
                         "admin.next_qso takes K1ABC, the first in the queue", short(data))
        event = await self.expect_event(self.watcher, "current_qso", since,
                                        what="watcher receives current_qso event after next_qso")
        if event is not None:
            self.t.check("K1ABC" in json.dumps(event), "current_qso event names K1ABC", short(event))
        event = await self.expect_event(self.watcher, "queue_update", since,
                                        what="watcher receives queue_update event after next_qso")
        if event is not None:
            self.t.check(isinstance(event, dict) and event.get("total") == 2,
                         "queue_update event after next_qso has total 2", short(event))

        # Log it.
        since = self.watcher.mark()
        data = await self.call(self.admin, "admin.complete_qso", fields={"message": str, "completed_qso": None},
                               what="admin.complete_qso returns message, completed_qso")
        if data is not None:
            done = data["completed_qso"]
            self.t.check(isinstance(done, dict) and done.get("callsign") == "K1ABC",
                         "admin.complete_qso completes K1ABC", short(data))
        await self.expect_event(self.watcher, "current_qso", since,
                                what="watcher receives current_qso event after complete_qso")
        event = await self.expect_event(self.watcher, "qso_complete", since,
                                        what="watcher receives qso_complete event after complete_qso")
        if event is not None:
            self.t.check("K1ABC" in json.dumps(event), "qso_complete event names K1ABC", short(event))

        # Remove a station from the queue.
        since = self.watcher.mark()
        data = await self.call(self.admin, "admin.remove_callsign", {"callsign": "4U1UN"},
                               fields={"message": str, "removed": dict},
                               what="admin.remove_callsign returns message, removed")
        if data is not None:
            self.t.check(data["removed"].get("callsign") == "4U1UN", "admin.remove_callsign removed 4U1UN",
                         short(data))
        event = await self.expect_event(self.watcher, "queue_update", since,
                                        what="watcher receives queue_update event after remove_callsign")
        if event is not None:
            self.t.check(isinstance(event, dict) and callsigns(event.get("queue") or []) == ["KH6/W1AW"]
                         and event.get("total") == 1,
                         "queue_update event after remove shows only KH6/W1AW", short(event))
        await self.refused(self.admin, "admin.remove_callsign", {"callsign": "N0CALL"},
                           "admin.remove_callsign of a callsign not in the queue is refused")

    async def system_status_and_clear(self):
        data = await self.call(self.admin, "admin.get_system_status",
                               what="admin.get_system_status succeeds")
        if data is not None:
            self.t.check(len(data) > 0, "admin.get_system_status returns a status object", short(data))

        since = self.watcher.mark()
        data = await self.call(self.admin, "admin.clear_queue", fields={"message": str},
                               what="admin.clear_queue returns message")
        if data is not None:
            self.t.check(data["message"] == "Queue cleared successfully",
                         "admin.clear_queue message is 'Queue cleared successfully'", short(data))
        event = await self.expect_event(self.watcher, "queue_update", since,
                                        what="watcher receives queue_update event after clear_queue")
        if event is not None:
            self.t.check(isinstance(event, dict) and event.get("total") == 0 and event.get("queue") == [],
                         "queue_update event after clear shows an empty queue", short(event))
        data = await self.call(self.watcher, "queue.list", fields={"queue": list, "total": int},
                               what="queue.list after clear")
        if data is not None:
            self.t.check(data["total"] == 0 and data["queue"] == [], "queue.list is empty after clear", short(data))

    # --- errors do not break the connection ----------------------------------

    async def robustness(self):
        await self.refused(self.watcher, "no.such_operation", {},
                           "an unknown operation is refused")
        # Unparseable input: the server cannot know our id, so look for any error message.
        before = len(self.watcher.unmatched)
        await self.watcher.send_raw("this is not json", expect_reply=False)
        await asyncio.sleep(0.5)
        errors = [m for m in self.watcher.unmatched[before:] if isinstance(m, dict) and m.get("type") == "error"]
        self.t.check(errors and isinstance(errors[0].get("error_code"), str),
                     "unparseable input gets an error message with error_code",
                     f"got {short(self.watcher.unmatched[before:])}")
        # The error arrived without a request id; do not report it again below.
        del self.watcher.unmatched[before:]
        await self.call(self.watcher, "system.ping", fields={"pong": bool},
                        what="the connection still works after bad input")

    def check_event_format(self):
        for conn in (self.admin, self.watcher):
            bad = [m for m in conn.events
                   if not (m.get("event") and m.get("event") == m.get("event_type") and "timestamp" in m)]
            self.t.check(not bad, f"all {len(conn.events)} events on {conn.name} carry event, event_type "
                                  f"and timestamp", f"e.g. {short(bad[:1])}")
            stray = conn.unmatched + conn.duplicates
            self.t.check(not stray, f"no stray or duplicate replies on {conn.name}", short(stray))


async def main(url, username, password):
    results = Results()
    session = Session(url, username, password, results)
    try:
        await asyncio.wait_for(session.run(), OVERALL_TIMEOUT)
    except asyncio.TimeoutError:
        results.check(False, "session finishes", f"took longer than {OVERALL_TIMEOUT}s")
    except Exception as exc:  # keep reporting even if the server surprises us
        results.check(False, "session runs without a client-side exception", repr(exc))
    print(f"{results.passed} passed, {results.failed} failed", flush=True)
    return 0 if results.failed == 0 and results.passed > 0 else 1


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__.split("Usage:")[1].split("Each check")[0].strip(), file=sys.stderr)
        sys.exit(2)
    sys.exit(asyncio.run(main(*sys.argv[1:4])))
