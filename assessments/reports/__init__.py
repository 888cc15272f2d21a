"""The result: the report built from a stored verdict, its charts, the PDF and its download, progress
between assessments, peers and the type placement."""
