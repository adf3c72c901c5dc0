"""The words of the demo episode, kept apart from the machinery that voices them.

Editing the conversation should never mean reading audio code, so the episode
lives here as plain data. ``scripts/make_demo.py`` turns it into
``resources/demo/tour.txt`` and ``resources/demo/tour.mp3``; the timestamps are
not written here because they come from how long each line takes to say.

Written for the project and free to use, like the files made from it.
"""

from __future__ import annotations

TITLE = "Transcript Reader: a guided tour"

#: Show notes: each line ends with a period, so the importer never mistakes one for the title.
NOTES = (
    "Maya Chen asks Sam Okafor, who designed Transcript Reader, how to read along, "
    "jump around, keep highlights and fix a transcript that drifts.",
    "An original demo episode, written and synthesised by the project; free to use.",
)

#: espeak-ng voice per speaker: an American female and a British male voice,
#: so the two are easy to tell apart by ear as well as on the page.
VOICES = {
    "Maya Chen": "en-us+f3",
    "Sam Okafor": "en-gb+m3",
}

#: Words espeak-ng says badly, mapped to spellings it says well. Applied to the
#: spoken text only, so the transcript keeps the normal spelling.
SAY_AS = {
    "Okafor": "Oh-kah-for",
    "Ctrl+J": "control J",
}

# Each turn: (speaker, words, chapter that starts with this turn or None).
TURNS: tuple[tuple[str, str, str | None], ...] = (
    (
        "Maya Chen",
        "Welcome to a guided tour of Transcript Reader. I'm Maya Chen, and with me is "
        "Sam Okafor, who designed the app. Hello, Sam.",
        "Welcome",
    ),
    (
        "Sam Okafor",
        "Hi, Maya, thanks for having me. A small confession first: this episode is a demo "
        "that ships with the app. So if you are reading along right now, you are already using it.",
        None,
    ),
    ("Maya Chen", "Very meta. So what is Transcript Reader, in one sentence?", None),
    (
        "Sam Okafor",
        "It's a place to read a podcast or an interview while the audio plays, so your eyes "
        "and your ears stay on the same sentence.",
        None,
    ),
    ("Maya Chen", "Let's start there. What do I see when I press play?", "Following along"),
    (
        "Sam Okafor",
        "The line being spoken is highlighted, and the page scrolls gently to keep it in view. "
        "Every turn starts with a timestamp and the speaker's name.",
        None,
    ),
    ("Maya Chen", "And the timestamps do something?", None),
    (
        "Sam Okafor",
        "Click one, and the audio jumps straight to that moment. You can also control-click a word, "
        "and playback moves to about where it was said. It's the quickest way to hear a "
        "passage again.",
        None,
    ),
    ("Maya Chen", "And chapters work the same way, I assume?", None),
    (
        "Sam Okafor",
        "They do. The chapter list sits beside the text. Pick a chapter, and you land on its first line.",
        None,
    ),
    (
        "Maya Chen",
        "What if I scroll up to reread something while it's still playing? Does the page pull me back?",
        "Scrolling away and coming back",
    ),
    (
        "Sam Okafor",
        "No, and that was deliberate. As soon as you scroll away, the reader stops following "
        "playback and leaves you where you are. The audio carries on.",
        None,
    ),
    ("Maya Chen", "So how do I find my place again?", None),
    (
        "Sam Okafor",
        "A Back to playback button appears. Click it, or press Ctrl+J, and you're returned to "
        "the line being spoken, with following switched back on.",
        None,
    ),
    (
        "Maya Chen",
        "Now my favourite part. I hear something worth keeping. What do I do?",
        "Highlights, notes and bookmarks",
    ),
    (
        "Sam Okafor",
        "Select the words and press H to highlight them. Pick a colour if you like, say yellow "
        "for ideas and blue for quotes. Then press N to add a note in your own words.",
        None,
    ),
    ("Maya Chen", "And if I only want to remember a moment, without selecting anything?", None),
    (
        "Sam Okafor",
        "Press B for a bookmark. It marks the spot in the audio, and you can jump back to it later.",
        None,
    ),
    (
        "Maya Chen",
        "Highlights are only useful if they can leave the app. Where can they go?",
        "Taking highlights with you",
    ),
    (
        "Sam Okafor",
        "You can export them to Obsidian as Markdown, to Readwise, or to a CSV file for a "
        "spreadsheet. Each highlight keeps its timestamp, its colour and your note.",
        None,
    ),
    (
        "Maya Chen",
        "Last question. Sometimes a transcript slowly drifts out of step with the audio, "
        "perhaps because the ads were cut. What then?",
        "Fixing drift with sync points",
    ),
    (
        "Sam Okafor",
        "That's what sync points are for. When the highlight runs early or late, find a line "
        "you can hear begin, and set a sync point there. The reader stretches the timing "
        "between your sync points, so the rest lines up again.",
        None,
    ),
    ("Maya Chen", "So a couple of sync points can rescue a whole episode?", None),
    (
        "Sam Okafor",
        "Usually, yes. One near the start, one near the end, and more only where it still slips.",
        None,
    ),
    ("Maya Chen", "Sam, thank you. That was a lovely tour.", None),
    (
        "Sam Okafor",
        "Thank you, Maya. And to everyone listening: click a line of this transcript now, and see where it takes you.",
        None,
    ),
    ("Maya Chen", "Happy reading.", None),
)
