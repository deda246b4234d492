"""The data commands, one module per noun (partner, speaker, venue, cost, panel, invitation,
organiser, programme, contact, feedback). Each module's ``attach(group)`` adds its command
group; ``cli.LAZY_COMMANDS`` loads a module only when one of its commands runs.

Every command that changes an event goes through :meth:`eventflow.engine.Engine.change`, the
one write path: one saved revision with one history entry, or nothing at all.
"""
