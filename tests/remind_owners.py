"""The owners and people of a planning folder that the reminder tests share (test_remind.py,
test_remind_index.py): every role held, one reader of Swedish and one of English."""

OWNERS = """
[owners]
organiser = "Leena Koski <leena.koski@example.fi>"
partner = ["Leena Koski <leena.koski@example.fi>", "Anna Berg <anna.berg@example.fi>"]
programme_lead = "Jussi Mäki <jussi.maki@example.fi>"
communications = "viestinta@example.fi"
venue_lead = "Jussi Mäki <jussi.maki@example.fi>"
data_protection = "tietosuoja@example.fi"
panel_moderator = "Anna Berg <anna.berg@example.fi>"

[people."anna.berg@example.fi"]
language = "sv"

[people."jussi.maki@example.fi"]
language = "en"
"""
