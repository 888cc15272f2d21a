"""Consultants: their accounts, access grants and invitations, reviews, the dashboard of clients
and its exports."""
