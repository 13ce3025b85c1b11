"""followup: the follow-up after a job interview, rendered for every interviewer."""

__version__ = "0.1.0"
