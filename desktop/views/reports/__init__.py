"""The reports pages: the programme's reports and the commitments they count against."""
