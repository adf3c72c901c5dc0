"""Change notifications in the core: called at once, in order, with what changed."""

from __future__ import annotations

from reader.events import Event


def test_listeners_hear_each_emit_in_the_order_they_connected():
    event = Event("changed")
    heard = []
    event.connect(lambda value: heard.append(("first", value)))
    event.connect(lambda value: heard.append(("second", value)))
    event.emit(3)
    assert heard == [("first", 3), ("second", 3)]


def test_a_disconnected_listener_hears_nothing_more():
    event = Event("changed")
    heard = []
    event.connect(heard.append)
    event.emit(1)
    event.disconnect(heard.append)
    event.disconnect(heard.append)  # twice: ignored
    event.emit(2)
    assert heard == [1]


def test_a_listener_may_disconnect_itself_while_being_called():
    event = Event("once")
    heard = []

    def once(value):
        heard.append(value)
        event.disconnect(once)

    event.connect(once)
    event.connect(heard.append)
    event.emit("a")
    event.emit("b")
    assert heard == ["a", "a", "b"]
