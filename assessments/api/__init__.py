"""The scoring API: its views, its OpenAPI document and the parsing of a scoring request."""
