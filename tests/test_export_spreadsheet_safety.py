"""Exports safe in any spreadsheet (issue 13): formula neutralisation after leading whitespace
and zero-width characters, full-width ＝＋－＠ included; every CSV text field quoted."""

import pytest

from assessments.export import csv_lines, neutralise


@pytest.mark.parametrize(
    "text",
    [
        "＝1+1",
        "＋1",
        "－2+3",
        "＠SUM(A1)",
        "\u200b=1+1",
        "\ufeff=1+1",
        "  =1+1",
        "\u3000＝cmd",
        "\n=1",
    ],
)
def test_hidden_and_full_width_formulas_are_neutralised(text):
    """Before: full-width ＝/＋ and a zero-width-space prefix slipped through."""
    assert neutralise(text) == "'" + text


def test_every_text_field_is_quoted_in_csv():
    """Before: `Acme;=cmd…` was written unquoted, so a semicolon-separated reading split it
    into a cell that starts with '='."""
    lines = list(csv_lines(["名称", "人数"], [["Acme;=cmd|' /C calc'!A0", 20], ["普通", 3]]))
    assert lines[1] == "\"Acme;=cmd|' /C calc'!A0\",20\r\n"
    assert lines[2] == '"普通",3\r\n'
    assert lines[0].startswith('\ufeff"名称","人数"')
