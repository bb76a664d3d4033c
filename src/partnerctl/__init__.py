"""partnerctl: plan, track and recognize industry partnerships for CTE programs."""

__version__ = "0.1.0"
