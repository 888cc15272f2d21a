"""Companies and their people: signing up, the company pages, membership and the join link, the
audit log, and the privacy and account pages."""
