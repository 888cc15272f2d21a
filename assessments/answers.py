"""How a stored answer spells its special values: the one home of the "unknown" answer.

Pure (no Django): the questionnaire's and the business page's forms store these, and the
verdict, the progress page, the export, the business KPIs and the combination of several
respondents read them.
"""

UNKNOWN = "unknown"  # "不清楚": a metric or business KPI the respondent does not know
YES, NO = "yes", "no"  # a yes/no metric as the questionnaire's form stores it
