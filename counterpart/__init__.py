"""Counterpart: counterpart cooperation and investment-attraction ledger."""
