"""Email notifications: rendered from templates/email/<kind>.{txt,html} and <kind>_subject.txt in
the recipient's language, stored as OutgoingEmail rows, delivered by a task (see tasks.py)."""
