"""How people hear of their work by e-mail: each event at once (the apps' own
reminders), a daily summary, or only the weekly one, as each person chooses on their
account page (``Profile.notifications``).

``choice.wants_immediate(user)`` is what every app's reminder code asks before it
mails a person; the summaries (``digest.send_digests``) carry the person's inbox,
"Việc của tôi", which already holds everything those reminders are about."""
