"""Campaigns: a group's round of self-tests over its store list (upload, invitations with a
one-time link, progress, reminders)."""
