"""The action plan as an XLSX workbook (one row per action) and an iCalendar file."""
