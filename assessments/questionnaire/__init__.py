"""The questionnaire: drafts, its four steps, submission and reassessment, and the input kept when
a session expired mid-step."""
