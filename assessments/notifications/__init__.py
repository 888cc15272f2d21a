"""Email notifications: rendered from templates in the recipient's language, stored as
OutgoingEmail rows, delivered by a task (tasks.py), opted out of per address (services.py).

Adding a kind of email
----------------------
1. A value in `assessments.models.NotificationKind` (a choice, so no migration for the data;
   the kinds of issue 16 are all there already) and its reason ("你收到这封邮件,是因为…") in
   `services.REASONS` (all of issue 16's kinds have one).
2. Three templates in ``templates/email/``, written in Chinese with ``{% translate %}`` /
   ``{% blocktranslate %}`` (English entries appended to the catalogue):

   * ``<kind>_subject.txt`` — one line (whitespace is collapsed), inside
     ``{% autoescape off %}``;
   * ``<kind>.txt`` — the plain text, inside ``{% autoescape off %}`` (a company called
     "A & B" must not read "A &amp; B"), ending with ``{% include "email/_footer.txt" %}``;
   * ``<kind>.html`` — ``{% extends "email/base.html" %}`` filling ``{% block title %}`` and
     ``{% block body %}``; the footer comes with the base (``{% block footer %}``). A button:
     ``{% translate "…" as label %}{% include "email/_button.html" with label=label %}`` (reads
     ``url``).
3. Queue it with ``notify(kind, to_email=…, context={…}, user=…, dedupe_key=…)`` from the
   service that made the change (inside its transaction: delivery is queued on commit). Links
   in the context must be absolute: ``services.absolute_url(reverse(...))`` (SITE_URL).
   ``notify`` adds ``kind``, ``site_url``, ``reason``, ``unsubscribe_url`` and
   ``preferences_url`` for the footer, picks the language (``language=``, else the user's
   saved preference, else Chinese), marks an opted-out address ``skipped``, and with a
   ``dedupe_key`` never queues the same email twice (reminders).
"""
